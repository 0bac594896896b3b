package markdown_test

import (
	"encoding/json"
	"fmt"

	"leafpress/export/markdown"
)

func ExampleBlocks() {
	body := `### Doprava
> Tramvaj do každé čtvrti.

<div class="collapsible-wrapper">
<button type="button"><h4>- Kontext</h4></button>
<button type="button"><h4>+ Kontext</h4></button>
<div><blockquote style="margin:0"><ul>Praha roste.</ul></blockquote></div>
</div>
`
	blocks, problems := markdown.Blocks([]byte(body))
	for _, b := range blocks {
		out, _ := json.Marshal(b)
		fmt.Println(string(out))
	}
	fmt.Println(len(problems), "problems")
	// Output:
	// {"type":"heading","level":1,"content":[{"type":"text","text":"Doprava"}]}
	// {"type":"lead","content":[{"type":"text","text":"Tramvaj do každé čtvrti."}]}
	// {"type":"section","title":"Kontext","blocks":[{"type":"paragraph","content":[{"type":"text","text":"Praha roste."}]}]}
	// 0 problems
}

func ExampleBlocks_problems() {
	body := "Text\n\n![Mapa]()\n"
	_, problems := markdown.Blocks([]byte(body))
	for _, p := range problems {
		fmt.Println(p)
	}
	// Output:
	// line 3: picture "Mapa" has no file name: write the picture's path in ![text](path) or <img src="path">
}

func ExampleInlines() {
	out, _ := json.Marshal(markdown.Inlines([]byte("Lepší <strong>doprava</strong><br/>\npro všechny.\n")))
	fmt.Println(string(out))
	// Output:
	// [{"type":"text","text":"Lepší "},{"type":"strong","content":[{"type":"text","text":"doprava"}]},{"type":"break"},{"type":"text","text":"pro všechny."}]
}

func ExampleLabel() {
	fmt.Printf("%q\n", markdown.Label("- Kontext  "))
	// Output:
	// "Kontext"
}
