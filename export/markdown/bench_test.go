package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// largeBody generates a body of n programme points, each with the shapes
// real programmes have: a heading, a lead, running text with inline
// Markdown and HTML, a list, a table and collapsible HTML sections (whole
// and split across blocks).
func largeBody(n int) []byte {
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "## %d. Bod programu číslo %d\n", i+1, i)
		sb.WriteString("> Shrnutí bodu, které stojí pod nadpisem a tiskne se tučně.\n\n")
		for range 3 {
			sb.WriteString("Zajistíme, aby pracovní podmínky a *finanční ohodnocení* záchranářů byly **motivující**, ")
			sb.WriteString("a [zamezilo se](https://example.org/a) tak jejich odlivu. Budeme pokračovat<br/>\n")
			sb.WriteString("v navyšování počtu služebních bytů pro pracovníky www.example.org v přímém výkonu služby.\n\n")
		}
		sb.WriteString("1. první krok\n2. druhý krok s `kódem`\n   - vnořená odrážka\n\n")
		sb.WriteString("| Rok | Kč |\n|:--|--:|\n| 2022 | 10 |\n| 2023 | 12 |\n\n")
		sb.WriteString(`<div class="collapsible-wrapper">
  <button class="collapsible" type="button"><h4>- Kontext</h4></button>
  <button class="collapsible hidden" type="button"><h4>+ Kontext</h4></button>
  <div class="content">
    <blockquote style="border-left: 4px solid #000">
      <ul>
        Praha má <strong>problém</strong>, který řešíme.<br><br>
        Druhý odstavec kontextu.
      </ul>
    </blockquote>
  </div>
</div>

<div class="collapsible-wrapper">
<button type="button">- Zdroje  </button>
<button type="button">+ Zdroje</button>
<div class="content">

* zdroj jedna
* zdroj dvě

</div>
</div>

`)
	}
	return []byte(sb.String())
}

// BenchmarkBlocks reads generated bodies of growing size; the time per
// byte should stay flat.
func BenchmarkBlocks(b *testing.B) {
	for _, points := range []int{20, 200, 800} {
		src := largeBody(points)
		b.Run(fmt.Sprintf("points=%d", points), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				blocks, problems := Blocks(src)
				if len(blocks) == 0 || len(problems) > 0 {
					b.Fatalf("%d blocks, problems %v", len(blocks), problems)
				}
			}
		})
	}
}

func BenchmarkInlines(b *testing.B) {
	src := []byte("Praha potřebuje <strong>lepší</strong> dopravu,<br/>\nbydlení a *čistší* vzduch.\n")
	b.ReportAllocs()
	for b.Loop() {
		if Inlines(src) == nil {
			b.Fatal("no inlines")
		}
	}
}

// TestLargeBody checks the benchmark's body reads as intended, so that the
// benchmark measures real work.
func TestLargeBody(t *testing.T) {
	blocks, problems := Blocks(largeBody(3))
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	counts := map[string]int{}
	for _, b := range blocks {
		counts[fmt.Sprintf("%T", b)]++
	}
	want := map[string]int{"*doc.Heading": 3, "*doc.Lead": 3, "*doc.Paragraph": 9, "*doc.List": 3, "*doc.Table": 3, "*doc.Section": 6}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("%s: %d, want %d (all: %v)", k, counts[k], v, counts)
		}
	}
	if s := tagText(blocks); s != "" {
		t.Errorf("tag text %q", s)
	}
}
