package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leafpress/export/source"
)

// TestImprintPreflight builds a copy of a site without _data/leafpress.yml:
// preflight.json has a failed imprint check saying how to add it, and the
// build reports a failed preflight (what --strict turns into exit 1).
// With the imprint given on the command line the check passes and the
// PDFs' Author is the commissioning organisation.
func TestImprintPreflight(t *testing.T) {
	need(t, "pdfinfo", "poppler-utils")
	t.Parallel()
	site := t.TempDir()
	ch := "---\ntitle: Doprava\nuid: doprava\ncampaignCategoryUid: p\n---\n## Tramvaje\n\nJezdí.\n"
	os.MkdirAll(filepath.Join(site, "_program"), 0o755)
	os.WriteFile(filepath.Join(site, "_program", "doprava.md"), []byte(ch), 0o644)
	os.WriteFile(filepath.Join(site, "_config.yml"), []byte("url: https://x.cz\ncollections:\n  program:\n    output: true\n"), 0o644)

	for _, tc := range []struct {
		name   string
		site   source.SiteOptions
		failed bool
	}{
		{"without an imprint", source.SiteOptions{}, true},
		{"with an imprint from the command line", source.SiteOptions{CommissionedBy: "Spolek Lipová, IČ 123", ProducedBy: "Jana Veselá"}, false},
	} {
		out := t.TempDir()
		res := Build(Options{
			Source:  source.Options{Sources: []string{site}, Site: tc.site},
			Out:     out,
			Formats: map[string]bool{"print": true},
			Date:    time.Unix(1767225600, 0).UTC(),
		})
		if res.PreflightFailed() != tc.failed {
			t.Errorf("%s: preflight failed %v, want %v", tc.name, res.PreflightFailed(), tc.failed)
		}
		data, err := os.ReadFile(filepath.Join(out, "p", "preflight.json"))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var pf struct {
			Results []struct {
				File   string
				Checks []struct{ Name, Status, Detail string }
			}
		}
		if err := json.Unmarshal(data, &pf); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, r := range pf.Results {
			for _, c := range r.Checks {
				if c.Name != "imprint" {
					continue
				}
				n++
				if tc.failed && (c.Status != "fail" || !strings.Contains(c.Detail, "_data/leafpress.yml") || !strings.Contains(c.Detail, "--commissioned-by")) {
					t.Errorf("%s: %s imprint check %s: %s", tc.name, r.File, c.Status, c.Detail)
				}
				if !tc.failed && c.Status != "pass" {
					t.Errorf("%s: %s imprint check %s: %s", tc.name, r.File, c.Status, c.Detail)
				}
			}
		}
		if n != len(pf.Results) || n == 0 {
			t.Errorf("%s: %d imprint checks in %d results", tc.name, n, len(pf.Results))
		}
		if !tc.failed {
			info := runTool(t, "pdfinfo", filepath.Join(out, "p", "chapters", "doprava-print.pdf"))
			if !strings.Contains(info, "Spolek Lipová, IČ 123") || strings.Contains(strings.ToLower(grepLine(info, "Author")), "leafpress") {
				t.Errorf("%s: Author is not the commissioning organisation:\n%s", tc.name, info)
			}
		}
	}
}

func grepLine(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}
