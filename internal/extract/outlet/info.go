package outlet

// Info is what a user's outlets file (CSV or YAML) says about one outlet:
// name, hosts, and factual fields such as country and ownership type. Extra
// holds any further columns, shown as given.
type Info struct {
	Name      string            `json:"name" yaml:"name"`
	Hosts     []string          `json:"hosts,omitempty" yaml:"hosts"`
	Country   string            `json:"country,omitempty" yaml:"country"`
	Ownership string            `json:"ownership,omitempty" yaml:"ownership"`
	Lean      string            `json:"lean,omitempty" yaml:"lean"`
	Extra     map[string]string `json:"extra,omitempty" yaml:"extra"`
}
