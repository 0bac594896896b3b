package layout_test

import (
	"fmt"
	"reflect"
	"testing"

	"leafpress/layout"
)

// TestKeptTextSetsTheSame checks that the text a layout keeps (the
// paragraphs of a leaflet's fitting tries, of a programme laid out again
// with its cards on the cover, titles and plain texts set more than
// once, and a chapter laid out for print taking what its screen layout
// set) gives the same pages as setting it every time: every sample
// programme and chapter, with every built-in template, on screen and
// for print.
func TestKeptTextSetsTheSame(t *testing.T) {
	progs := samplePrograms(t)
	type job struct {
		name string
		run  func() (*layout.Document, error)
	}
	var jobs []job
	for _, name := range []string{"a5-booklet", "a4-newspaper", "dl-leaflet"} {
		tp := builtin(t, name)
		for _, p := range progs {
			for _, opts := range [][]layout.Option{nil, {layout.ForPrint()}} {
				jobs = append(jobs, job{fmt.Sprintf("%s %s print=%v", name, p.UID, opts != nil), func() (*layout.Document, error) {
					return layout.Programme(p, tp, opts...)
				}})
			}
			if name != "dl-leaflet" {
				continue
			}
			for _, c := range p.Chapters {
				jobs = append(jobs, job{fmt.Sprintf("%s %s/%s", name, p.UID, c.UID), func() (*layout.Document, error) {
					return layout.Chapter(p, c, tp)
				}})
				// With another template, what the leaflet kept is not taken.
				booklet := builtin(t, "a5-booklet")
				jobs = append(jobs, job{fmt.Sprintf("a5-booklet %s/%s reusing a leaflet", p.UID, c.UID), func() (*layout.Document, error) {
					leaflet, err := layout.Chapter(p, c, tp)
					if err != nil {
						return nil, err
					}
					return layout.Chapter(p, c, booklet, layout.Reusing(leaflet))
				}})
				// For print again, taking what the screen layout set.
				jobs = append(jobs, job{fmt.Sprintf("%s %s/%s for print", name, p.UID, c.UID), func() (*layout.Document, error) {
					screen, err := layout.Chapter(p, c, tp)
					if err != nil {
						return nil, err
					}
					return layout.Chapter(p, c, tp, layout.ForPrint(), layout.Reusing(screen))
				}})
			}
		}
	}
	for _, j := range jobs {
		layout.SetKeeping(false)
		want, werr := j.run()
		layout.SetKeeping(true)
		got, gerr := j.run()
		if fmt.Sprint(werr) != fmt.Sprint(gerr) {
			t.Errorf("%s: error %v, set every time %v", j.name, gerr, werr)
			continue
		}
		if !reflect.DeepEqual(layout.Bare(got), layout.Bare(want)) {
			t.Errorf("%s: the layout keeping set text differs from the one setting it every time", j.name)
		}
	}
}
