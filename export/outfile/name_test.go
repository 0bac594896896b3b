package outfile

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestName(t *testing.T) {
	tests := []struct {
		id, want, refused string // refused: a part of the error, or "" when accepted
	}{
		{"doprava", "doprava", ""},
		{"2026-lipova", "2026-lipova", ""},
		{"Doprava a bezpečnost", "Doprava-a-bezpecnost", ""},
		{"  skolstvi_2 ", "skolstvi_2", ""},
		{"v1.2", "v1.2", ""},
		{".hidden", "hidden", ""},
		{"-dash", "dash", ""},
		{"trailing.", "trailing", ""},
		{"a<b>c|d?e*f\"g:h", "a-b-c-d-e-f-g-h", ""},
		{"tab\tand\x00nul", "tab-and-nul", ""},
		{"Łódź", "Lodz", ""},
		{"..", "", ".."},
		{"../../etc/passwd", "", ".."},
		{"a..b", "", ".."},
		{"/etc/passwd", "", "separator"},
		{"sub/chapter", "", "separator"},
		{`sub\chapter`, "", "separator"},
		{`..\..\win.ini`, "", ".."},
		{`C:\Windows`, "", "separator"},
		{"C:evil", "", "drive letter"},
		{"c:", "", "drive letter"},
		{"CON", "", "device"},
		{"nul", "", "device"},
		{"Com1", "", "device"},
		{"lpt9.txt", "", "device"},
		{"aux ", "", "device"},
		{"con.tar.gz", "", "device"},
		{"con-text", "con-text", ""},
		{"", "", "empty"},
		{"   ", "", "empty"},
		{"...", "", ".."},
		{".", "", "no letter"},
		{"—", "", "no letter"},
		{strings.Repeat("a", MaxNameBytes+1), "", "longer"},
	}
	for _, tt := range tests {
		got, err := Name(tt.id)
		if tt.refused != "" {
			if err == nil || !strings.Contains(err.Error(), tt.refused) {
				t.Errorf("Name(%q) = %q, %v; want an error about %q", tt.id, got, err, tt.refused)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Name(%q) = %q, %v; want %q", tt.id, got, err, tt.want)
		}
	}
}

// Whatever the id, an accepted name is one plain path element.
func FuzzName(f *testing.F) {
	for _, s := range []string{"doprava", "../x", `a\b`, "CON", "C:x", ".", "ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		name, err := Name(id)
		if err != nil {
			return
		}
		if name == "" || name != filepath.Base(name) || !filepath.IsLocal(name) || strings.HasPrefix(name, ".") || strings.ContainsAny(name, `/\:`) || isReserved(name) || len(name) > MaxNameBytes {
			t.Errorf("Name(%q) = %q, not a safe file name", id, name)
		}
	})
}

func TestWithin(t *testing.T) {
	root := filepath.Join("out", "x")
	for _, tt := range []struct {
		path string
		ok   bool
	}{
		{filepath.Join(root, "a.pdf"), true},
		{root, true},
		{filepath.Join(root, "..dots"), true},
		{filepath.Join(root, "..", "y"), false},
		{filepath.Join(root, "..", "..", "..", "etc"), false},
		{"/etc/passwd", false},
		{filepath.Join("out", "xy"), false},
	} {
		err := Within(root, tt.path)
		if (err == nil) != tt.ok {
			t.Errorf("Within(%q, %q) = %v, want ok=%v", root, tt.path, err, tt.ok)
		}
	}
}
