package diag

import (
	"encoding/json"
	"testing"
)

func TestString(t *testing.T) {
	for _, tt := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Severity: Error, File: "a.md", Line: 3, Column: 7, Message: "bad"}, "a.md:3:7: error: bad"},
		{Diagnostic{Severity: Warning, File: "a.md", Line: 3, Message: "odd"}, "a.md:3: warning: odd"},
		{Diagnostic{Severity: Warning, File: "a.md", Message: "odd"}, "a.md: warning: odd"},
		{Diagnostic{Severity: Error, Message: "no file"}, "leafpress: error: no file"},
		{Diagnostic{Severity: Error, Column: 4, Message: "no line"}, "leafpress: error: no line"},
		{Diagnostic{Severity: Warning, File: "a\nb.md", Line: 2, Message: "odd"}, `"a\nb.md":2: warning: odd`},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestListSortsAndCounts(t *testing.T) {
	var l List
	l.Warnf("b.md", 2, "w")
	l.Errorf("a.md", 9, "e")
	l.Warnf("a.md", 1, "w")
	items := l.Items()
	if items[0].File != "a.md" || items[0].Line != 1 || items[2].File != "b.md" {
		t.Errorf("not sorted by file and line: %v", items)
	}
	if e, w := l.Count(); e != 1 || w != 2 || !l.HasErrors() || l.Len() != 3 {
		t.Errorf("Count() = %d, %d; HasErrors %v; Len %d", e, w, l.HasErrors(), l.Len())
	}
}

// TestSeverityJSON: a diagnostic comes back from JSON as it was written.
func TestSeverityJSON(t *testing.T) {
	for _, d := range []Diagnostic{
		{Severity: Error, File: "a.md", Line: 3, Message: "bad"},
		{Severity: Warning, File: "b.md", Message: "odd"},
	} {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var got Diagnostic
		if err := json.Unmarshal(b, &got); err != nil || got != d {
			t.Errorf("%s came back as %+v (%v)", b, got, err)
		}
	}
	var s Severity
	if err := json.Unmarshal([]byte(`"fatal"`), &s); err == nil {
		t.Error("an unknown severity was read")
	}
}
