package lang

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The minister said on Thursday that the delegation would not travel to Washington this week.", "en"},
		{"Der Minister sagte am Donnerstag, dass die Delegation diese Woche nicht nach Washington reisen werde.", "de"},
		{"Le ministre a déclaré jeudi que la délégation ne se rendrait pas à Washington cette semaine.", "fr"},
		{"Министр заявил в четверг, что делегация не поедет в Вашингтон на этой неделе.", "ru"},
		{"ok", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%.30q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
