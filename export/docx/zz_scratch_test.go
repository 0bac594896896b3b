package docx

import (
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	os.MkdirAll("/tmp/docx-out", 0o755)
	f, _ := os.Create("/tmp/docx-out/program.docx")
	defer f.Close()
	err := Programme(f, sampleProgramme(t), Options{Date: testDate, Warn: func(f, m string) { t.Log(f, m) }})
	if err != nil {
		t.Fatal(err)
	}
}
