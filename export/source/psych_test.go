package source

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os/exec"
	"strings"
	"testing"

	"leafpress/samples"
)

// psychScript reads a JSON list of YAML texts and prints, for each, whether
// Jekyll would take it as front matter: Ruby's Psych reads it the way
// Jekyll's SafeYAML.load does (dates and times allowed, aliases allowed)
// and the result is a mapping (or nothing at all).
const psychScript = `
require "yaml"; require "json"; require "date"
texts = JSON.parse($stdin.read)
puts JSON.generate(texts.map { |s|
  begin
    v = Psych.safe_load(s, permitted_classes: [Date, Time], aliases: true)
    v.nil? || v == false || v.is_a?(Hash)
  rescue Exception
    false
  end
})
`

// psychCases are front matters (the YAML between the --- lines) that real
// sites get wrong, or that look wrong and are not.
var psychCases = []struct{ name, yaml string }{
	{"plain", "title: Doprava\nuid: doprava\n"},
	{"empty", ""},
	{"a key twice", "title: Doprava\nuid: doprava\ntitle: Doprava 2\n"},
	{"a key twice, folded values", "img: a.png\nintro: >\n  Text.\nimg: b.png\nintro: >\n  Other text.\n"},
	{"a key twice in a nested map", "titles:\n  before: Mgr.\n  before: Ing.\n"},
	{"a key twice in a flow map", "titles: {before: Mgr., before: Ing.}\n"},
	{"unquoted colon in a value", "title: Doprava: nová\n"},
	{"colon without a space in a value", "title: Doprava:nová\n"},
	{"tab indentation", "titles:\n\tbefore: Mgr.\n"},
	{"unclosed double quote", "title: \"Doprava\n"},
	{"unclosed single quote", "title: 'Doprava\n"},
	{"quote in the middle", "title: Program \"Lipová\" 2026\n"},
	{"doubled single quote", "title: 'it''s'\n"},
	{"bad indentation", "title: Doprava\n  img: a.png\n"},
	{"less indented continuation", "intro: >\n    Text\n  more\n"},
	{"a list, not a map", "- title\n- uid\n"},
	{"a single text", "Doprava\n"},
	{"unknown alias", "title: *nothing\n"},
	{"alias and anchor", "a: &x Doprava\ntitle: *x\n"},
	{"reserved @", "title: @doprava\n"},
	{"reserved backquote", "title: `doprava`\n"},
	{"unclosed bracket", "garant: [jana.vesela\n"},
	{"unclosed brace", "titles: {before: Mgr.\n"},
	{"comment", "title: Doprava # the title\n"},
	{"empty value", "redmine:\nintro: >\n"},
	{"date", "date: 2026-03-01\n"},
	{"html in a quoted intro", "intro: \"První řádek<br/>druhý\"\n"},
	{"percent at the start", "title: %d\n"},
	{"key without value on a list", "garant:\n- jana.vesela\n- petr.holub\n"},
	{"two documents", "title: A\n---\ntitle: B\n"},
}

// TestPsychAgrees runs the same front matter through Ruby's Psych and
// through leafpress: the samples' chapters and people, the broken
// samples, and psychCases. Both must accept or reject each one alike (the
// messages differ).
func TestPsychAgrees(t *testing.T) {
	ruby, err := exec.LookPath("ruby")
	if err != nil {
		t.Skip("ruby not installed (Debian package ruby); the comparison with Jekyll's YAML reader is skipped")
	}
	t.Parallel()
	type one struct{ name, yaml string }
	var all []one
	for _, c := range psychCases {
		all = append(all, one{c.name, c.yaml})
	}
	for _, fsys := range []fs.FS{samples.FS, samples.Broken} {
		fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isMarkdown(name) {
				return nil
			}
			data, _ := fs.ReadFile(fsys, name)
			text, _ := decodeText(data)
			fm, found, _, fatal := splitFrontMatter(text)
			if found && !fatal {
				all = append(all, one{name, fm.yaml})
			}
			return nil
		})
	}
	texts := make([]string, len(all))
	for i, c := range all {
		texts[i] = c.yaml
	}
	in, _ := json.Marshal(texts)
	cmd := exec.Command(ruby, "-e", psychScript)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ruby: %v", err)
	}
	var psych []bool
	if err := json.Unmarshal(out, &psych); err != nil || len(psych) != len(all) {
		t.Fatalf("ruby printed %q (%v)", out, err)
	}
	accepted := 0
	for i, c := range all {
		_, prob := parseYAMLMap(c.yaml)
		ours := prob == nil
		if ours != psych[i] {
			why := ""
			if prob != nil {
				why = ": " + prob.msg
			}
			t.Errorf("%s: Psych accepts %v, leafpress accepts %v%s\n%s", c.name, psych[i], ours, why, strings.TrimSpace(c.yaml))
		}
		if ours {
			accepted++
		}
		t.Logf("%-40s accepted: %v", c.name, ours)
	}
	if accepted == 0 || accepted == len(all) {
		t.Errorf("%d of %d accepted: the cases should hold both kinds", accepted, len(all))
	}
}
