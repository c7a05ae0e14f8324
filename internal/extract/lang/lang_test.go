package lang

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The minister said on Thursday that the delegation would not travel to Washington this week.", "en"},
		{"Der Minister sagte am Donnerstag, dass die Delegation diese Woche nicht nach Washington reisen werde.", "de"},
		{"Le ministre a déclaré jeudi que la délégation ne se rendrait pas à Washington cette semaine.", "fr"},
		{"Министр заявил в четверг, что делегация не поедет в Вашингтон на этой неделе.", "ru"},
		{"El ministro dijo el jueves que la delegación no viajará a Washington esta semana, según fuentes del gobierno.", "es"},
		{"O ministro disse na quinta-feira que a delegação não vai viajar para Washington esta semana, segundo o governo.", "pt"},
		{"Il ministro ha detto giovedì che la delegazione non andrà a Washington questa settimana, secondo il governo.", "it"},
		{"De minister zei donderdag dat de delegatie deze week niet naar Washington zal reizen, volgens de regering.", "nl"},
		{"ok", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%.30q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
