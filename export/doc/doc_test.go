package doc_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"leafpress/export/doc"
)

func everyBlock() []doc.Block {
	t := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }
	return []doc.Block{
		&doc.Heading{Level: 1, Content: t("Doprava")},
		&doc.Lead{Content: t("Zklidníme náměstí.")},
		&doc.Paragraph{Content: []doc.Inline{
			&doc.Text{Text: "a "}, &doc.Strong{Content: t("tučně")}, &doc.Emphasis{Content: t("kurzívou")},
			&doc.Strike{Content: t("staré")}, &doc.Link{URL: "https://example.org", Content: t("odkaz")},
			&doc.Code{Text: "x"}, &doc.Span{Lang: "en", Content: t("carpooling")}, &doc.LineBreak{},
		}},
		&doc.Quote{Blocks: []doc.Block{&doc.Paragraph{Content: t("citát")}}},
		&doc.List{Ordered: true, Start: 3, Items: []*doc.ListItem{
			{Blocks: []doc.Block{&doc.Paragraph{Content: t("tři")}, &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{&doc.Paragraph{Content: t("vnořená")}}}}}}},
		}},
		&doc.Section{Title: "Kontext", Blocks: []doc.Block{&doc.Paragraph{Content: t("obsah")}}},
		&doc.ImageBlock{Image: doc.Image{Src: "a.png", Missing: "not found", Alt: "mapa"}},
		&doc.Table{Align: []string{"left", "right"}, Header: [][]doc.Inline{t("A"), t("B")}, Rows: [][][]doc.Inline{{t("1"), t("2")}}},
		&doc.Rule{},
	}
}

func TestJSONRoundTrip(t *testing.T) {
	c := &doc.Chapter{UID: "doprava", Title: "Doprava", Intro: []doc.Inline{&doc.Text{Text: "úvod"}}, Blocks: everyBlock()}
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var back doc.Chapter
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c, &back) {
		again, _ := json.Marshal(&back)
		t.Errorf("round trip changed the chapter:\n%s\n%s", data, again)
	}
}

func TestJSONTypeNames(t *testing.T) {
	want := []string{"heading", "lead", "paragraph", "quote", "list", "section", "image", "table", "rule"}
	for i, b := range everyBlock() {
		data, _ := json.Marshal(b)
		var head struct{ Type string }
		json.Unmarshal(data, &head)
		if head.Type != want[i] || doc.BlockType(b) != want[i] {
			t.Errorf("block %d: JSON type %q, BlockType %q, want %q", i, head.Type, doc.BlockType(b), want[i])
		}
	}
	if _, err := doc.UnmarshalBlocks([]byte(`[{"type":"marquee"}]`)); err == nil {
		t.Error("an unknown block type was accepted")
	}
}

func TestFullName(t *testing.T) {
	for _, tt := range []struct {
		p    *doc.Person
		want string
	}{
		{&doc.Person{UID: "jana", Name: "Jana Veselá", TitlesBefore: "Mgr.", TitlesAfter: "Ph.D."}, "Mgr. Jana Veselá, Ph.D."},
		{&doc.Person{UID: "petr", Name: "Petr Holub"}, "Petr Holub"},
		{&doc.Person{UID: "david.bodecek"}, "david.bodecek"},
		{nil, ""},
	} {
		if got := tt.p.FullName(); got != tt.want {
			t.Errorf("FullName() = %q, want %q", got, tt.want)
		}
	}
}

func ExamplePlainText() {
	ins := []doc.Inline{
		&doc.Text{Text: "Budeme "},
		&doc.Strong{Content: []doc.Inline{&doc.Text{Text: "jezdit"}}},
		&doc.LineBreak{},
		&doc.Link{URL: "https://example.org", Content: []doc.Inline{&doc.Text{Text: "vlakem"}}},
	}
	fmt.Println(doc.PlainText(ins))
	// Output: Budeme jezdit vlakem
}

func ExampleWalkBlocks() {
	n := 0
	doc.WalkBlocks(everyBlock(), func(b doc.Block) bool {
		if _, ok := b.(*doc.Paragraph); ok {
			n++
		}
		return true
	})
	fmt.Println(n, "paragraphs")
	// Output: 5 paragraphs
}
