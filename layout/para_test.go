package layout

import (
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/templates"
)

// bodyEngine returns an engine for the a5-booklet template and its body
// family, for setting single paragraphs.
func bodyEngine(t *testing.T) (*engine, *family) {
	t.Helper()
	tp, err := templates.Builtin("a5-booklet")
	if err != nil {
		t.Fatal(err)
	}
	e, err := newEngine(&doc.Programme{Language: "cs"}, tp)
	if err != nil {
		t.Fatal(err)
	}
	return e, e.body()
}

// lineTexts returns the text of each set line, runs joined with a space
// where they do not touch.
func lineTexts(ls []*line) []string {
	var out []string
	for _, l := range ls {
		var sb strings.Builder
		var end float64
		for i, r := range l.runs {
			if i > 0 && r.X-end > 0.01 {
				sb.WriteByte(' ')
			}
			sb.WriteString(r.Text)
			end = r.X + r.Width
		}
		out = append(out, sb.String())
	}
	return out
}

// lineEnds returns the last word of every line but the last.
func lineEnds(ls []*line) []string {
	var out []string
	for _, s := range lineTexts(ls) {
		f := strings.Fields(s)
		if len(f) > 0 {
			out = append(out, f[len(f)-1])
		}
	}
	if len(out) > 0 {
		out = out[:len(out)-1]
	}
	return out
}

func TestSpanLanguageSwitchesPatterns(t *testing.T) {
	e, fam := bodyEngine(t)
	// Narrow enough that the long English word must be broken somewhere.
	en := &doc.Span{Lang: "en", Content: []doc.Inline{&doc.Text{Text: "carpooling"}}}
	ins := []doc.Inline{&doc.Text{Text: "Podpoříme "}, en, &doc.Text{Text: " a sdílení."}}
	for _, w := range []float64{40, 45, 50} {
		ls := e.setText(ins, fam, w, 0)
		for _, s := range lineEnds(ls) {
			if s == "carpoo-" {
				t.Errorf("width %v: carpooling broken by Czech patterns: %q", w, lineTexts(ls))
			}
		}
	}
	// The English patterns do break it, at car-pool-ing.
	var seen bool
	for _, w := range []float64{30, 35, 40, 45, 50, 55} {
		for _, s := range lineEnds(e.setText(ins, fam, w, 0)) {
			if s == "car-" || s == "carpool-" {
				seen = true
			}
		}
	}
	if !seen {
		t.Error("carpooling in an English span was never broken at an English point (car-pool-ing)")
	}
	// A language with no patterns is not hyphenated at all.
	de := []doc.Inline{&doc.Span{Lang: "de", Content: []doc.Inline{&doc.Text{Text: "Straßenbahnhaltestelle"}}}, &doc.Text{Text: " je zastávka."}}
	for _, s := range lineEnds(e.setText(de, fam, 100, 0)) {
		if strings.HasPrefix(s, "Straß") {
			t.Errorf("a German word was hyphenated: %q", s)
		}
	}
}
