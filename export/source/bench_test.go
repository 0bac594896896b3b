package source

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// words are Czech-like words for generated chapters.
var words = strings.Fields(`město obyvatelé doprava bezpečnost prevence kriminality podpora
	složek záchranného systému zajistíme vytvoříme budeme pokračovat navyšování počtu služebních
	bytů pracovníky rozvoj veřejného prostoru zeleň ulice náměstí školy školky knihovny kultura
	sport senioři rodiny děti mladiství pomoc bydlení dostupné nájemní obecní transparentní radnice
	rozpočet participace občané spolky projekty investice údržba chodníky cyklostezky tramvaje
	autobusy parkování klima energie úspory voda stromy odpady recyklace zdravotní péče sociální
	služby dobrovolníci komunita otevřená data smlouvy zakázky kontrola odpovědnost`)

// generateSite returns the files of a site with one programme of n
// chapters with realistic bodies (headings, leads, paragraphs, lists and
// a collapsible HTML section), their garants and thumbnails.
func generateSite(tb testing.TB, n int) map[string]string {
	r := rand.New(rand.NewPCG(2026, uint64(n)))
	sentence := func(min, max int) string {
		k := min + r.IntN(max-min+1)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = words[r.IntN(len(words))]
		}
		r := []rune(strings.Join(ws, " "))
		r[0] = unicode.ToUpper(r[0])
		return string(r) + "."
	}
	paragraph := func() string {
		ss := make([]string, 3+r.IntN(4))
		for i := range ss {
			ss[i] = sentence(6, 18)
		}
		return strings.Join(ss, " ")
	}
	files := map[string]string{}
	thumb := pngBytes(tb, 120, 80)
	for i := range n {
		var sb strings.Builder
		fmt.Fprintf(&sb, "---\ntitle: %s\ncampaignCategoryUid: lipova-2026\ncampaignGroupUid: volby-2026\nuid: kapitola-%03d\norder: %d\n", strings.TrimSuffix(sentence(1, 4), "."), i, i+1)
		fmt.Fprintf(&sb, "garant: clovek-%d\nredmine: %d\nimg: program/kapitola-%03d.png\nintro: >\n  %s\n  %s\n---\n\n", i%7, 20000+i, i, sentence(8, 14), sentence(8, 14))
		for h := range 3 + r.IntN(3) {
			fmt.Fprintf(&sb, "## %d. %s\n> %s\n\n%s\n\n", h+1, strings.TrimSuffix(sentence(2, 6), "."), sentence(10, 20), paragraph())
			if h%2 == 0 {
				for range 3 + r.IntN(3) {
					fmt.Fprintf(&sb, "- %s\n", sentence(4, 10))
				}
				sb.WriteString("\n")
			}
			if h == 1 {
				fmt.Fprintf(&sb, "<div class=\"kontext\">\n<button><h4>- Kontext</h4></button>\n<button><h4>+ Kontext</h4></button>\n</div>\n<div>\n<blockquote style=\"margin:0\">\n<ul>\n<li>%s</li>\n<li>%s</li>\n</ul>\n</blockquote>\n</div>\n\n", sentence(8, 16), sentence(8, 16))
			}
		}
		files[fmt.Sprintf("_program/2026/%03d-kapitola.md", i)] = sb.String()
		files[fmt.Sprintf("assets/img/program/kapitola-%03d.png", i)] = thumb
	}
	for i := range 7 {
		files[fmt.Sprintf("_people/clovek-%d.md", i)] = fmt.Sprintf("---\nuid: clovek-%d\nname: Člověk %d\ntitles:\n  before: Mgr.\n---\n", i, i)
	}
	files["_data/campaigns.yml"] = "- groupUid: volby-2026\n  title: Volby 2026\n  campaigns:\n    - title: Program pro Lipovou\n      categoryUid: lipova-2026\n"
	return files
}

// BenchmarkLoad loads a site with a 200-chapter programme, its people and
// its pictures.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	files := generateSite(b, 200)
	size := 0
	for _, c := range files {
		size += len(c)
	}
	writeTree(b, dir, files)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		progs, dl := Load(Options{Sources: []string{dir}})
		if len(progs) != 1 || len(progs[0].Chapters) != 200 || dl.Len() != 0 {
			b.Fatalf("loaded %d programmes, %d diagnostics", len(progs), dl.Len())
		}
	}
}
