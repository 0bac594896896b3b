package layout_test

import (
	"sync"
	"testing"

	"leafpress/export/doc"
	"leafpress/export/source"
	"leafpress/export/typography"
	"leafpress/samples"
)

var (
	samplesOnce sync.Once
	sampleProgs []*doc.Programme
)

// samplePrograms loads the sample site and runs the typography pass, as
// the pipeline does.
func samplePrograms(t testing.TB) []*doc.Programme {
	samplesOnce.Do(func() {
		progs, _ := source.Load(source.Options{FS: samples.FS, Sources: []string{"."}})
		for _, p := range progs {
			typography.Programme(p)
		}
		sampleProgs = progs
	})
	if len(sampleProgs) == 0 {
		t.Fatal("the sample site gives no programmes: samples.FS or export/source is broken")
	}
	return sampleProgs
}
