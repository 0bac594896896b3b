package source_test

import (
	"fmt"
	"testing/fstest"

	"leafpress/export/source"
)

func ExampleLoad() {
	site := fstest.MapFS{
		"_program/2026/doprava.md":  {Data: []byte("---\ntitle: Doprava\nuid: doprava\norder: 2\ncampaignCategoryUid: lipova-2026\ngarant: jana-vesela\n---\nText.\n")},
		"_program/2026/skolstvi.md": {Data: []byte("---\ntitle: Školství\nuid: skolstvi\norder: 1\ncampaignCategoryUid: lipova-2026\ngarant: petr-holub\n---\nText.\n")},
		"_program/2026/_draft.md":   {Data: []byte("---\ntitle: Koncept\n---\n")},
		"_people/jana-vesela.md":    {Data: []byte("---\nuid: jana-vesela\nname: Jana Veselá\ntitles: {before: Mgr.}\n---\n")},
		"_data/campaigns.yml":       {Data: []byte("- groupUid: volby-2026\n  title: Volby 2026\n  campaigns:\n    - title: Program pro Lipovou\n      categoryUid: lipova-2026\n")},
	}
	progs, diags := source.Load(source.Options{FS: site, Sources: []string{"."}})
	for _, p := range progs {
		fmt.Printf("%s (%s, %s)\n", p.Title, p.Group, p.Language)
		for _, c := range p.Chapters {
			fmt.Printf("  %d. %s: %s\n", c.Order, c.Title, c.Garant.FullName())
		}
	}
	for _, d := range diags.Items() {
		fmt.Println(d)
	}
	// Output:
	// Program pro Lipovou (Volby 2026, cs)
	//   1. Školství: petr-holub
	//   2. Doprava: Mgr. Jana Veselá
	// _program/2026/skolstvi.md:6: warning: the garant "petr-holub" is not among the people; check the spelling, or add a person file with "uid: petr-holub" (the uid is printed instead of a name)
}

func ExampleParseChapter() {
	ch, diags := source.ParseChapter("program/Zdravotnictví.md", []byte("---\ntitle: Zdravotnictví\nredmine:\n---\nText.\n"))
	fmt.Println(ch.Title, ch.UID)
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// Zdravotnictví zdravotnictvi
	// program/Zdravotnictví.md:1: warning: the chapter has no uid; "zdravotnictvi" (from the file name) is used: add "uid: zdravotnictvi" to the front matter so that links to it stay the same
}
