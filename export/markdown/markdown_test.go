package markdown

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"leafpress/export/doc"
)

// blockCase is one body and the blocks it must give, as JSON.
type blockCase struct {
	name string
	in   string
	want string // JSON of the blocks; white space between tokens is ignored
}

// htmlCases are the HTML shapes found in real web programmes.
var htmlCases = []blockCase{
	{
		name: "section with both buttons, blockquote and ul/li",
		in: `<div class="collapsible-wrapper">
<button class="collapsible" type="button"><h4>- Kontext</h4></button>
<button class="collapsible hidden" type="button"><h4>+ Kontext</h4></button>
<div class="content"><blockquote style="border-left: 4px solid #000">
<ul>
<li>První bod</li>
<li>Druhý <strong>bod</strong></li>
</ul>
</blockquote></div>
</div>`,
		want: `[{"type":"section","title":"Kontext","blocks":[
			{"type":"list","ordered":false,"items":[
				{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"První bod"}]}]},
				{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"Druhý "},
					{"type":"strong","content":[{"type":"text","text":"bod"}]}]}]}]}]}]`,
	},
	{
		name: "section with text straight in ul, no li",
		in: `<div class="collapsible-wrapper">
  <button type="button"><h4>- Kontext</h4></button>
  <button type="button"><h4>+ Kontext</h4></button>
  <div class="content">
    <blockquote style="margin: 0">
      <ul>
        Praha má <strong>problém</strong>.<br><br>
        Druhý    odstavec
        pokračuje.
      </ul>
    </blockquote>
  </div>
</div>`,
		want: `[{"type":"section","title":"Kontext","blocks":[
			{"type":"paragraph","content":[{"type":"text","text":"Praha má "},
				{"type":"strong","content":[{"type":"text","text":"problém"}]},{"type":"text","text":"."}]},
			{"type":"paragraph","content":[{"type":"text","text":"Druhý odstavec pokračuje."}]}]}]`,
	},
	{
		name: "section with a single button",
		in: `<div class="toggle"><button>+ Kontext</button>
<div><ul><li>Jediný bod</li></ul></div></div>`,
		want: `[{"type":"section","title":"Kontext","blocks":[{"type":"list","ordered":false,"items":[
			{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"Jediný bod"}]}]}]}]}]`,
	},
	{
		name: "button label with trailing spaces, content in the next sibling div",
		in: `<div class="x">
<button class="a">- Kontext  </button>
<button class="b">+ Kontext</button>
</div>
<div class="content"><blockquote><ul>Text.</ul></blockquote></div>`,
		want: `[{"type":"section","title":"Kontext","blocks":[
			{"type":"paragraph","content":[{"type":"text","text":"Text."}]}]}]`,
	},
	{
		name: "h4 inside button, content div in the next HTML block",
		in: `<div class="x"><button><h4>-   Další kontext </h4></button><button><h4>+ Další kontext</h4></button></div>

<div><blockquote style="color: red"><ul><li>Bod</li></ul></blockquote></div>

Pak text.`,
		want: `[{"type":"section","title":"Další kontext","blocks":[{"type":"list","ordered":false,"items":[
				{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"Bod"}]}]}]}]},
			{"type":"paragraph","content":[{"type":"text","text":"Pak text."}]}]`,
	},
	{
		name: "section split across goldmark blocks with Markdown between",
		in: `<div class="collapsible-wrapper">
<button type="button">- Kontext</button>
<button type="button">+ Kontext</button>
<div class="content" markdown="1">

* položka *jedna*
* položka dvě

Odstavec v sekci.

</div>
</div>

Text po sekci.`,
		want: `[{"type":"section","title":"Kontext","blocks":[
				{"type":"list","ordered":false,"items":[
					{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"položka "},
						{"type":"emphasis","content":[{"type":"text","text":"jedna"}]}]}]},
					{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"položka dvě"}]}]}]},
				{"type":"paragraph","content":[{"type":"text","text":"Odstavec v sekci."}]}]},
			{"type":"paragraph","content":[{"type":"text","text":"Text po sekci."}]}]`,
	},
	{
		name: "section split with a Markdown quote inside, indented HTML",
		in: `<div class="wrap">
<button>- Kontext</button>
<div>

> Citát uvnitř sekce je jen rámeček.

    </div>
</div>`,
		want: `[{"type":"section","title":"Kontext","blocks":[
			{"type":"paragraph","content":[{"type":"text","text":"Citát uvnitř sekce je jen rámeček."}]}]}]`,
	},
	{
		name: "two sections in a row",
		in: `<div><button>- A</button><button>+ A</button><div><ul>první</ul></div></div>
<div><button>- B</button><button>+ B</button><div><ul>druhá</ul></div></div>`,
		want: `[{"type":"section","title":"A","blocks":[{"type":"paragraph","content":[{"type":"text","text":"první"}]}]},
			{"type":"section","title":"B","blocks":[{"type":"paragraph","content":[{"type":"text","text":"druhá"}]}]}]`,
	},
	{
		name: "buttons without a wrapping div, content div after them",
		in: `<p>Úvod</p>
<button type="button" class="collapsible">- Kontext</button>
<button type="button" class="collapsible">+ Kontext</button>
<div class="content"><p>Obsah sekce.</p></div>
<button type="button">Stáhnout</button>
<p>Závěr.</p>`,
		want: `[{"type":"paragraph","content":[{"type":"text","text":"Úvod"}]},
			{"type":"section","title":"Kontext","blocks":[{"type":"paragraph","content":[{"type":"text","text":"Obsah sekce."}]}]},
			{"type":"paragraph","content":[{"type":"text","text":"Závěr."}]}]`,
	},
	{
		name: "details with summary",
		in:   "<details><summary>Více</summary>\n<p>Obsah.</p>\n</details>",
		want: `[{"type":"section","title":"Více","blocks":[{"type":"paragraph","content":[{"type":"text","text":"Obsah."}]}]}]`,
	},
	{
		name: "script, style, iframe, form and noscript dropped",
		in: `<p>Před</p>
<script>document.write("<div>x</div>")</script>
<style>div { color: red }</style>
<iframe src="https://example.org"><p>rámec</p></iframe>
<form><input value="x"><select><option>volba</option></select><textarea><b>t</b></textarea>formulář</form>
<noscript>bez skriptu</noscript>
<p>Po<script>var a = "<b>";</script></p>`,
		want: `[{"type":"paragraph","content":[{"type":"text","text":"Před"}]},
			{"type":"paragraph","content":[{"type":"text","text":"Po"}]}]`,
	},
	{
		name: "attributes ignored",
		in:   `<p class="lead" style="color:red" id="x" onclick="alert(1)" data-x="<div>">Text <span style="font-weight:bold" title="<b>t</b>">s atributy</span></p>`,
		want: `[{"type":"paragraph","content":[{"type":"text","text":"Text s atributy"}]}]`,
	},
	{
		name: "p, br, strong, b, em, i, s, del, a and code",
		in: `<p>Jedna<br>dvě<br/>
tři <strong>silně</strong> <b>tučně</b> <em>důraz</em> <i>kurzíva</i> <s>škrt</s> <del>smazáno</del>
<a href="https://pirati.cz" target="_blank">odkaz</a> <a name="kotva">kotva</a> <code>x  = 1</code></p>`,
		want: `[{"type":"paragraph","content":[{"type":"text","text":"Jedna"},{"type":"break"},
			{"type":"text","text":"dvě"},{"type":"break"},{"type":"text","text":"tři "},
			{"type":"strong","content":[{"type":"text","text":"silně"}]},{"type":"text","text":" "},
			{"type":"strong","content":[{"type":"text","text":"tučně"}]},{"type":"text","text":" "},
			{"type":"emphasis","content":[{"type":"text","text":"důraz"}]},{"type":"text","text":" "},
			{"type":"emphasis","content":[{"type":"text","text":"kurzíva"}]},{"type":"text","text":" "},
			{"type":"strike","content":[{"type":"text","text":"škrt"}]},{"type":"text","text":" "},
			{"type":"strike","content":[{"type":"text","text":"smazáno"}]},{"type":"text","text":" "},
			{"type":"link","url":"https://pirati.cz","content":[{"type":"text","text":"odkaz"}]},
			{"type":"text","text":" kotva "},{"type":"code","text":"x = 1"}]}]`,
	},
	{
		name: "ol start and nested lists",
		in:   `<ol start="5"><li>pět<ul><li>vnořený</li></ul></li><li><p>šest</p></li></ol>`,
		want: `[{"type":"list","ordered":true,"start":5,"items":[
			{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"pět"}]},
				{"type":"list","ordered":false,"items":[{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"vnořený"}]}]}]}]},
			{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"šest"}]}]}]}]`,
	},
	{
		name: "text between list items splits the list and keeps numbering",
		in:   `<ol><li>a</li>volný text<li>b</li></ol>`,
		want: `[{"type":"list","ordered":true,"start":1,"items":[{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"a"}]}]}]},
			{"type":"paragraph","content":[{"type":"text","text":"volný text"}]},
			{"type":"list","ordered":true,"start":2,"items":[{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"b"}]}]}]}]`,
	},
	{
		name: "blockquote",
		in:   "<p>Úvod</p>\n<blockquote><p>Citát</p><p>druhý</p></blockquote>",
		want: `[{"type":"paragraph","content":[{"type":"text","text":"Úvod"}]},
			{"type":"quote","blocks":[{"type":"paragraph","content":[{"type":"text","text":"Citát"}]},
				{"type":"paragraph","content":[{"type":"text","text":"druhý"}]}]}]`,
	},
	{
		name: "h1 to h6 normalised with the Markdown headings",
		in:   "<h1>Jedna</h1>\n<h2>Dvě</h2>\n<h3>Tři</h3>\n<h4>Čtyři</h4>\n<h5>Pět</h5>\n<h6>Šest <em>x</em></h6>",
		want: `[{"type":"heading","level":1,"content":[{"type":"text","text":"Jedna"}]},
			{"type":"heading","level":2,"content":[{"type":"text","text":"Dvě"}]},
			{"type":"heading","level":3,"content":[{"type":"text","text":"Tři"}]},
			{"type":"heading","level":4,"content":[{"type":"text","text":"Čtyři"}]},
			{"type":"heading","level":5,"content":[{"type":"text","text":"Pět"}]},
			{"type":"heading","level":6,"content":[{"type":"text","text":"Šest "},{"type":"emphasis","content":[{"type":"text","text":"x"}]}]}]`,
	},
	{
		name: "table",
		in: `<table class="t">
<thead><tr><th>Rok</th><th>Kč</th></tr></thead>
<tbody><tr><td>2022</td><td><b>10</b></td></tr><tr><td>2023</td></tr></tbody>
</table>`,
		want: `[{"type":"table","header":[[{"type":"text","text":"Rok"}],[{"type":"text","text":"Kč"}]],
			"rows":[[[{"type":"text","text":"2022"}],[{"type":"strong","content":[{"type":"text","text":"10"}]}]],
				[[{"type":"text","text":"2023"}],[]]]}]`,
	},
	{
		name: "img alone is an image block",
		in:   `<p><img src="obr/praha.jpg" alt="Praha" width="300"></p>`,
		want: `[{"type":"image","src":"obr/praha.jpg","alt":"Praha"}]`,
	},
	{
		name: "inline HTML in a Markdown paragraph",
		in:   "Text<br/>další <strong>silně</strong>, <a href=\"https://x.cz\">odkaz</a>, <span class=\"u\">neznámý</span> <blink>tag</blink>.\n*em <b>tučně</b>*",
		want: `[{"type":"paragraph","content":[{"type":"text","text":"Text"},{"type":"break"},
			{"type":"text","text":"další "},{"type":"strong","content":[{"type":"text","text":"silně"}]},
			{"type":"text","text":", "},{"type":"link","url":"https://x.cz","content":[{"type":"text","text":"odkaz"}]},
			{"type":"text","text":", neznámý tag. "},
			{"type":"emphasis","content":[{"type":"text","text":"em "},{"type":"strong","content":[{"type":"text","text":"tučně"}]}]}]}]`,
	},
	{
		name: "inline comment and unclosed tag",
		in:   "Viditelné <!-- skryté <div> --> a <b>neuzavřené",
		want: `[{"type":"paragraph","content":[{"type":"text","text":"Viditelné a "},
			{"type":"strong","content":[{"type":"text","text":"neuzavřené"}]}]}]`,
	},
}

// markdownCases are Markdown features.
var markdownCases = []blockCase{
	{
		name: "GFM table with alignment",
		in:   "| Vlevo | Střed | Vpravo | Nic |\n|:--|:-:|--:|---|\n| a | **b** | c |\n| 1 | 2 | 3 | 4 |",
		want: `[{"type":"table","align":["left","center","right",""],
			"header":[[{"type":"text","text":"Vlevo"}],[{"type":"text","text":"Střed"}],[{"type":"text","text":"Vpravo"}],[{"type":"text","text":"Nic"}]],
			"rows":[[[{"type":"text","text":"a"}],[{"type":"strong","content":[{"type":"text","text":"b"}]}],[{"type":"text","text":"c"}],[]],
				[[{"type":"text","text":"1"}],[{"type":"text","text":"2"}],[{"type":"text","text":"3"}],[{"type":"text","text":"4"}]]]}]`,
	},
	{
		name: "strikethrough",
		in:   "Bylo ~~staré~~ nové.",
		want: `[{"type":"paragraph","content":[{"type":"text","text":"Bylo "},
			{"type":"strike","content":[{"type":"text","text":"staré"}]},{"type":"text","text":" nové."}]}]`,
	},
	{
		name: "a span in another language",
		in:   `Sdílení aut (<span lang="en">car<em>pool</em>ing</span>) a <span class="x">jen</span> <span lang=" ">nic</span>.`,
		want: `[{"type":"paragraph","content":[{"type":"text","text":"Sdílení aut ("},
			{"type":"span","lang":"en","content":[{"type":"text","text":"car"},{"type":"emphasis","content":[{"type":"text","text":"pool"}]},{"type":"text","text":"ing"}]},
			{"type":"text","text":") a jen nic."}]}]`,
	},
	{
		name: "autolinks",
		in:   "Viz <https://pirati.cz/program>, www.praha.eu a info@pirati.cz.",
		want: `[{"type":"paragraph","content":[{"type":"text","text":"Viz "},
			{"type":"link","url":"https://pirati.cz/program","content":[{"type":"text","text":"https://pirati.cz/program"}]},
			{"type":"text","text":", "},
			{"type":"link","url":"http://www.praha.eu","content":[{"type":"text","text":"www.praha.eu"}]},
			{"type":"text","text":" a "},
			{"type":"link","url":"mailto:info@pirati.cz","content":[{"type":"text","text":"info@pirati.cz"}]},
			{"type":"text","text":"."}]}]`,
	},
	{
		name: "nested ordered list with start 3, loose items",
		in:   "3. tři\n\n   druhý odstavec\n4. čtyři\n   1. vnořená\n   2. další\n   - odrážka",
		want: `[{"type":"list","ordered":true,"start":3,"items":[
			{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"tři"}]},
				{"type":"paragraph","content":[{"type":"text","text":"druhý odstavec"}]}]},
			{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"čtyři"}]},
				{"type":"list","ordered":true,"start":1,"items":[
					{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"vnořená"}]}]},
					{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"další"}]}]}]},
				{"type":"list","ordered":false,"items":[
					{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"odrážka"}]}]}]}]}]}]`,
	},
	{
		name: "lead under a heading, ordinary quote elsewhere",
		in:   "## Doprava\n> Shrnutí bodu.\n>\n> Druhý odstavec shrnutí.\n\nText.\n\n> Obyčejný citát.\n\n## Byty\n\n> - seznam v citátu",
		want: `[{"type":"heading","level":1,"content":[{"type":"text","text":"Doprava"}]},
			{"type":"lead","content":[{"type":"text","text":"Shrnutí bodu."},{"type":"break"},{"type":"text","text":"Druhý odstavec shrnutí."}]},
			{"type":"paragraph","content":[{"type":"text","text":"Text."}]},
			{"type":"quote","blocks":[{"type":"paragraph","content":[{"type":"text","text":"Obyčejný citát."}]}]},
			{"type":"heading","level":1,"content":[{"type":"text","text":"Byty"}]},
			{"type":"quote","blocks":[{"type":"list","ordered":false,"items":[
				{"blocks":[{"type":"paragraph","content":[{"type":"text","text":"seznam v citátu"}]}]}]}]}]`,
	},
	{
		name: "heading normalisation from ###, numbered heading kept",
		in:   "### 1. Preambule\n\n#### Podbod\n\n### 2. Dál",
		want: `[{"type":"heading","level":1,"content":[{"type":"text","text":"1. Preambule"}]},
			{"type":"heading","level":2,"content":[{"type":"text","text":"Podbod"}]},
			{"type":"heading","level":1,"content":[{"type":"text","text":"2. Dál"}]}]`,
	},
	{
		name: "heading normalisation from #",
		in:   "# Hlava\n\n## Bod\n\n### Podbod",
		want: `[{"type":"heading","level":1,"content":[{"type":"text","text":"Hlava"}]},
			{"type":"heading","level":2,"content":[{"type":"text","text":"Bod"}]},
			{"type":"heading","level":3,"content":[{"type":"text","text":"Podbod"}]}]`,
	},
	{
		name: "image paragraph, and pictures with a caption line under and over them",
		in:   "![Náhled programu](obr/náhled.png \"titulek\")\n\n![Most](most.jpg)\n*Nový most přes Sázavu*\n\nPlán náměstí:\n![Plán](plan.png)",
		want: `[{"type":"image","src":"obr/náhled.png","alt":"Náhled programu"},
			{"type":"image","src":"most.jpg","alt":"Most"},
			{"type":"paragraph","content":[{"type":"emphasis","content":[{"type":"text","text":"Nový most přes Sázavu"}]}]},
			{"type":"paragraph","content":[{"type":"text","text":"Plán náměstí:"}]},
			{"type":"image","src":"plan.png","alt":"Plán"}]`,
	},
	{
		name: "fenced and indented code",
		in:   "```go\nfunc main() {\n\tx := 1\n\n}\n```\n\nText\n\n    odsazený kód",
		want: `[{"type":"paragraph","content":[{"type":"code","text":"func main() {"},{"type":"break"},
				{"type":"code","text":"\tx := 1"},{"type":"break"},{"type":"break"},{"type":"code","text":"}"}]},
			{"type":"paragraph","content":[{"type":"text","text":"Text"}]},
			{"type":"paragraph","content":[{"type":"code","text":"odsazený kód"}]}]`,
	},
	{
		name: "soft and hard breaks, spaces collapsed, escapes and entities",
		in:   "První   řádek\ndruhý řádek  \ntřetí\\\nčtvrtý &amp; a&nbsp;b \\*ne\\* &#x41;",
		want: `[{"type":"paragraph","content":[{"type":"text","text":"První řádek druhý řádek"},{"type":"break"},
			{"type":"text","text":"třetí"},{"type":"break"},{"type":"text","text":"čtvrtý & a\u00a0b *ne* A"}]}]`,
	},
	{
		name: "emphasis, strong, code span, link",
		in:   "*a* **b** ***c*** `x  y` [odkaz *s důrazem*](https://x.cz/a\\_b)",
		want: `[{"type":"paragraph","content":[{"type":"emphasis","content":[{"type":"text","text":"a"}]},{"type":"text","text":" "},
			{"type":"strong","content":[{"type":"text","text":"b"}]},{"type":"text","text":" "},
			{"type":"emphasis","content":[{"type":"strong","content":[{"type":"text","text":"c"}]}]},{"type":"text","text":" "},
			{"type":"code","text":"x  y"},{"type":"text","text":" "},
			{"type":"link","url":"https://x.cz/a_b","content":[{"type":"text","text":"odkaz "},{"type":"emphasis","content":[{"type":"text","text":"s důrazem"}]}]}]}]`,
	},
	{
		name: "thematic break",
		in:   "A\n\n---\n\nB",
		want: `[{"type":"paragraph","content":[{"type":"text","text":"A"}]},{"type":"rule"},
			{"type":"paragraph","content":[{"type":"text","text":"B"}]}]`,
	},
	{
		name: "empty body",
		in:   "\n\n   \n",
		want: `null`,
	},
}

func TestBlocks(t *testing.T) {
	for _, group := range [][]blockCase{htmlCases, markdownCases} {
		for _, tc := range group {
			t.Run(tc.name, func(t *testing.T) {
				blocks, problems := Blocks([]byte(tc.in))
				got, err := json.Marshal(blocks)
				if err != nil {
					t.Fatal(err)
				}
				if !sameJSON(t, got, tc.want) {
					t.Errorf("Blocks(%q)\n got: %s\nwant: %s", tc.in, got, canonical(t, []byte(tc.want)))
				}
				for _, p := range problems {
					t.Errorf("unexpected problem: %v", p)
				}
				if s := tagText(blocks); s != "" {
					t.Errorf("tag text in the tree: %q", s)
				}
				if s := treeDefect(blocks); s != "" {
					t.Errorf("malformed tree: %s", s)
				}
				// The JSON reads back into the same tree.
				back, err := doc.UnmarshalBlocks(got)
				if err != nil {
					t.Fatal(err)
				}
				if again, _ := json.Marshal(back); !bytes.Equal(again, got) {
					t.Errorf("JSON round trip changed the tree:\n%s\n%s", got, again)
				}
			})
		}
	}
}

// canonical returns JSON in one canonical form (keys sorted, no spaces,
// one way to escape), so that an expectation may be written readably.
func canonical(t *testing.T, data []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("bad JSON %s: %v", data, err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// sameJSON reports whether got (as marshalled) equals the expectation.
func sameJSON(t *testing.T, got []byte, want string) bool {
	t.Helper()
	return canonical(t, got) == canonical(t, []byte(want))
}

func TestInlines(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", `null`},
		{"blank", " \n\n  ", `null`},
		{"br variants", "První<br/>druhý<br>třetí <br /> čtvrtý", `[{"type":"text","text":"První"},{"type":"break"},
			{"type":"text","text":"druhý"},{"type":"break"},{"type":"text","text":"třetí"},{"type":"break"},{"type":"text","text":"čtvrtý"}]`},
		{"folded intro trimmed", "\n  Praha potřebuje\nlepší dopravu.  \n", `[{"type":"text","text":"Praha potřebuje lepší dopravu."}]`},
		{"paragraphs joined by a break", "Jedna.\n\nDvě.", `[{"type":"text","text":"Jedna."},{"type":"break"},{"type":"text","text":"Dvě."}]`},
		{"strong html and markdown", "<strong>Silně</strong> a **tučně**<br/>", `[{"type":"strong","content":[{"type":"text","text":"Silně"}]},
			{"type":"text","text":" a "},{"type":"strong","content":[{"type":"text","text":"tučně"}]}]`},
		{"br alone on a line", "Řádek\n<br/>\nDalší", `[{"type":"text","text":"Řádek"},{"type":"break"},{"type":"text","text":"Další"}]`},
		{"link", "[Program](https://pirati.cz)", `[{"type":"link","url":"https://pirati.cz","content":[{"type":"text","text":"Program"}]}]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(Inlines([]byte(tc.in)))
			if err != nil {
				t.Fatal(err)
			}
			if !sameJSON(t, got, tc.want) {
				t.Errorf("Inlines(%q)\n got: %s\nwant: %s", tc.in, got, canonical(t, []byte(tc.want)))
			}
		})
	}
}

func TestProblems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // "line: text the message holds"
		json string   // blocks, when they matter
	}{
		{
			name: "clean chapter has none",
			in:   "## Bod\n> Shrnutí\n\nText s [odkazem](https://x.cz) a obrázkem:\n\n![obr](a.png)\n",
		},
		{
			name: "a picture between words, in a heading or in a table cell stands for its alt text",
			in:   "Text ![ikona](i.png) dál.\n\n## Nadpis ![logo](l.png)\n\n| a |\n|---|\n| ![b](b.png) |\n",
			want: []string{
				"1: picture \"i.png\" stands between words",
				"3: picture \"l.png\" cannot be shown in a heading",
				"5: picture \"b.png\" cannot be shown in a heading",
			},
			json: `[{"type":"paragraph","content":[{"type":"text","text":"Text ikona dál."}]},
				{"type":"heading","level":1,"content":[{"type":"text","text":"Nadpis logo"}]},
				{"type":"table","rows":[[[{"type":"text","text":"b"}]]],"header":[[{"type":"text","text":"a"}]]}]`,
		},
		{
			name: "image without a file name",
			in:   "Text\n\n![Mapa]()\n\n<img src=\"\" alt=\"Plán\">\n",
			want: []string{"3: picture \"Mapa\" has no file name", "5: picture \"Plán\" has no file name"},
			json: `[{"type":"paragraph","content":[{"type":"text","text":"Text"}]},
				{"type":"paragraph","content":[{"type":"text","text":"Mapa"}]},
				{"type":"paragraph","content":[{"type":"text","text":"Plán"}]}]`,
		},
		{
			name: "link without an address",
			in:   "A\n\n[zde]() a <a href=\" \">tam</a>",
			want: []string{`3: link "zde" has no address`, `3: link "tam" has no address`},
		},
		{
			name: "button-toggled div with empty content",
			in:   "Úvod\n\n<div class=\"x\">\n<button>- Kontext</button><button>+ Kontext</button>\n<div><blockquote><ul> </ul></blockquote></div>\n</div>\n\nKonec",
			want: []string{`3: collapsible section "Kontext" has no content`},
			json: `[{"type":"paragraph","content":[{"type":"text","text":"Úvod"}]},
				{"type":"paragraph","content":[{"type":"text","text":"Konec"}]}]`,
		},
		{
			name: "buttons without a label",
			in:   "<div><button></button><div>Obsah</div></div>",
			want: []string{"1: collapsible section has buttons without a label"},
			json: `[{"type":"paragraph","content":[{"type":"text","text":"Obsah"}]}]`,
		},
		{
			name: "div never closed swallows the Markdown after it",
			in:   "Text\n\n<div class=\"content\">\n<blockquote>\n\nOdstavec\n\n## Nadpis",
			want: []string{"3: <div> is never closed", "4: <blockquote> is never closed"},
		},
		{
			name: "HTML nested too deeply is read as text",
			in:   "Úvod\n\n" + strings.Repeat("<span>", 600) + "hluboko<script>x</script>" + strings.Repeat("</span>", 600),
			want: []string{"3: HTML could not be read"},
			json: `[{"type":"paragraph","content":[{"type":"text","text":"Úvod"}]},
				{"type":"paragraph","content":[{"type":"text","text":"hluboko"}]}]`,
		},
		{
			name: "Markdown inside an unclosed button is left out",
			in:   "<button>\n\nSkrytý text\n\n</button>\n\nViditelný",
			want: []string{"3: this text is inside an HTML element that is left out"},
			json: `[{"type":"paragraph","content":[{"type":"text","text":"Viditelný"}]}]`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			blocks, problems := Blocks([]byte(tc.in))
			var got []string
			for _, p := range problems {
				got = append(got, p.String())
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], "line "+w) {
					t.Errorf("problem %d = %q, want it to start with %q", i, got[i], "line "+w)
				}
				if !strings.Contains(got[i], ":") || strings.Count(got[i], ":") < 2 {
					t.Errorf("problem %q does not say what to do", got[i])
				}
			}
			if tc.json != "" {
				j, _ := json.Marshal(blocks)
				if !sameJSON(t, j, tc.json) {
					t.Errorf("blocks\n got: %s\nwant: %s", j, canonical(t, []byte(tc.json)))
				}
			}
			if s := tagText(blocks); s != "" {
				t.Errorf("tag text in the tree: %q", s)
			}
		})
	}
}

func TestLabel(t *testing.T) {
	tests := map[string]string{
		"- Kontext  ":             "Kontext",
		"+ Kontext":               "Kontext",
		"\n  -   Další\n kontext": "Další kontext",
		"▸ Zdroje":                "Zdroje",
		"Kontext":                 "Kontext",
		" + ":                     "",
	}
	for in, want := range tests {
		if got := Label(in); got != want {
			t.Errorf("Label(%q) = %q, want %q", in, got, want)
		}
	}
}

// tagPattern matches '<' or '</' followed by a tag name and the end of
// the tag name.
var tagPattern = regexp.MustCompile(`</?[a-zA-Z][a-zA-Z0-9-]*([\s/>]|$)`)

// tagText returns the first text in the tree (text inlines, section
// titles, alt texts) that holds tag text, or "".
func tagText(blocks []doc.Block) string {
	return findText(blocks, tagPattern.MatchString)
}

// findText returns the first text in the tree for which bad holds.
func findText(blocks []doc.Block, bad func(string) bool) string {
	found := ""
	check := func(s string) {
		if found == "" && bad(s) {
			found = s
		}
	}
	checkInlines := func(ins []doc.Inline) {
		doc.MapText(ins, func(t *doc.Text) { check(t.Text) })
	}
	doc.WalkBlocks(blocks, func(b doc.Block) bool {
		switch v := b.(type) {
		case *doc.Section:
			check(v.Title)
		case *doc.ImageBlock:
			check(v.Alt)
		}
		for _, ins := range doc.BlockInlines(b) {
			checkInlines(ins)
		}
		return true
	})
	return found
}

func TestTagTextHelper(t *testing.T) {
	tests := []struct {
		text string
		bad  bool
	}{
		{"<div class=\"x\">", true},
		{"</button>", true},
		{"<br/>", true},
		{"a < b", false},
		{"3 <= 4", false},
		{"Praha", false},
	}
	for _, tc := range tests {
		blocks := []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Strong{Content: []doc.Inline{&doc.Text{Text: tc.text}}}}}}
		if got := tagText(blocks) != ""; got != tc.bad {
			t.Errorf("tagText(%q) = %v, want %v", tc.text, got, tc.bad)
		}
	}
}
