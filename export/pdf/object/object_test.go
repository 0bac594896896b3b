package object

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestAppendValue(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, "null"},
		{true, "true"},
		{42, "42"},
		{-1.5, "-1.5"},
		{0.1234, "0.123"},
		{-0.0001, "0"},
		{2.0, "2"},
		{Name("Type"), "/Type"},
		{Name("Roboto Bold#1"), "/Roboto#20Bold#231"},
		{Ref(7), "7 0 R"},
		{"Program (2026)", `(Program \(2026\))`},
		{`a\b`, `(a\\b)`},
		{"Město", "<FEFF004D011B00730074006F>"},
		{"😀", "<FEFFD83DDE00>"},
		{Bytes{0, 0xAB}, "<00AB>"},
		{Raw("[0 0 1 1]"), "[0 0 1 1]"},
		{Array{1, Name("XYZ"), nil}, "[1 /XYZ null]"},
		{[]float64{0, 1.25}, "[0 1.25]"},
		{Dict{"Type": Name("Page"), "Count": 2, "Skip": nil, "A": Dict{}}, "<</A <<>> /Count 2 /Type /Page>>"},
	}
	for _, tt := range tests {
		if got := string(AppendValue(nil, tt.v)); got != tt.want {
			t.Errorf("AppendValue(%#v) = %s, want %s", tt.v, got, tt.want)
		}
	}
}

func TestContentMarked(t *testing.T) {
	var c Content
	c.BeginMarked("P", 0)
	c.Op("re", 0, 0, 10, 10.5)
	c.Raw("f")
	c.EndMarked()
	c.BeginArtifact("Pagination")
	c.BeginMarked("Span", -1)
	if c.Open() != 2 {
		t.Errorf("Open() = %d, want 2", c.Open())
	}
	c.EndMarked()
	c.EndMarked()
	c.EndMarked() // none open: nothing written
	want := "/P <</MCID 0>> BDC\n0 0 10 10.5 re\nf\nEMC\n/Artifact <</Type /Pagination>> BDC\n/Span BMC\nEMC\nEMC\n"
	if got := string(c.Bytes()); got != want {
		t.Errorf("content\n%s\nwant\n%s", got, want)
	}
}

// minimal writes a one-page PDF.
func minimal(t *testing.T, title string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, "1.7")
	pages := w.Alloc()
	var c Content
	c.Op("re", 10, 10, 100, 50)
	c.Raw("f")
	content := w.Add(Stream{Data: c.Bytes(), Compress: true})
	page := w.Add(Dict{"Type": Name("Page"), "Parent": pages, "MediaBox": Array{0, 0, 200, 100}, "Contents": content})
	w.Put(pages, Dict{"Type": Name("Pages"), "Kids": Array{page}, "Count": 1})
	root := w.Add(Dict{"Type": Name("Catalog"), "Pages": pages})
	info := w.Add(Dict{"Title": title})
	if err := w.Close(Dict{"Root": root, "Info": info}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriterFile(t *testing.T) {
	a, b := minimal(t, "Program"), minimal(t, "Program")
	if !bytes.Equal(a, b) {
		t.Error("two equal files differ")
	}
	c := minimal(t, "Programme")
	id := func(b []byte) string { return string(b[bytes.Index(b, []byte("/ID")):]) }
	if id(a) == id(c) {
		t.Error("different files have the same /ID")
	}
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf not found: needs Debian package qpdf")
	}
	p := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(p, a, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(qpdf, "--check", p).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") || strings.Contains(string(out), "WARNING") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

func TestWriterErrors(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, "1.7")
	r := w.Alloc()
	if err := w.Close(Dict{}); err == nil {
		t.Error("Close with an object reserved and never written gave no error")
	}
	w = NewWriter(&buf, "1.7")
	r = w.Add(Dict{})
	w.Put(r, Dict{})
	if err := w.Close(Dict{"Root": r}); err == nil {
		t.Error("an object written twice gave no error")
	}
}
