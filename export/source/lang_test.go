package source

import (
	"strings"
	"testing"
	"unicode"

	"leafpress/export/doc"
	"leafpress/samples"
)

const englishText = "The town will build a new bridge over the river, and we will keep the old one for walkers. " +
	"Our plan is that the buses run every hour in the evening, which is what people have asked for. " +
	"We want the school to be safe for all children, and the roads around it will be calmer than they are now. "

const czechText = "Chceme, aby se ve městě dobře žilo. Autobusy budou jezdit i večer a děti dojdou do školy bezpečně. " +
	"Náměstí je pro lidi, ne pro auta, a proto ho zklidníme. "

func TestDetectLanguage(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{englishText, "en"},
		{czechText, "cs"},
		{"Doprava", ""},
	} {
		g := detectLanguage(tc.text)
		if g.lang != tc.want || (g.lang != "" && g.share < sure) {
			t.Errorf("%.30q: %s, want %q", tc.text, g, tc.want)
		}
	}
}

// TestLanguageOfChapters: lang: wins (with a warning when the text is
// clearly in another language); without it the text decides, before the
// site's lang.
func TestLanguageOfChapters(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"_config.yml":           "lang: cs\n",
		"_program/en.md":        "---\ntitle: Transport\nuid: en\ncampaignCategoryUid: en\n---\n" + strings.Repeat(englishText, 3),
		"_program/wrong.md":     "---\ntitle: Transport\nuid: wrong\ncampaignCategoryUid: wrong\nlang: cs\n---\n" + strings.Repeat(englishText, 3),
		"_program/cs.md":        "---\ntitle: Doprava\nuid: cs\ncampaignCategoryUid: cs\n---\n" + czechText,
		"_program/too-short.md": "---\ntitle: Doprava\nuid: short\ncampaignCategoryUid: short\n---\nAhoj.\n",
	})
	progs, dl := inDir(t, dir, Options{Sources: []string{"."}})
	got := map[string]string{}
	for _, p := range progs {
		for _, c := range p.Chapters {
			got[c.UID] = c.Language + "/" + p.Language
		}
	}
	want := map[string]string{"en": "en/en", "wrong": "cs/cs", "cs": "cs/cs", "short": "cs/cs"}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: language %s, want %s", k, got[k], w)
		}
	}
	warned := false
	for _, d := range dl.Items() {
		if strings.HasSuffix(d.File, "wrong.md") && d.Line == 5 && strings.Contains(d.Message, "reads as English") && strings.Contains(d.Message, "correct lang:") {
			warned = true
		}
		if strings.HasSuffix(d.File, "/en.md") && strings.Contains(d.Message, "reads as") {
			t.Errorf("a warning for a chapter without lang: %s", d)
		}
	}
	if !warned {
		t.Errorf("no warning at wrong.md:5 for English text under lang: cs:\n%s", listDiags(dl.Items()))
	}
}

// TestDetectLanguageSameAsFields: walking the text in place finds the
// words strings.FieldsFunc finds, and so the same guess, on the samples'
// chapters and on texts with marks, digits and broken UTF-8.
func TestDetectLanguageSameAsFields(t *testing.T) {
	byFields := func(text string) guess {
		score := map[string]float64{}
		words := 0
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
			words++
			for lang, sw := range stopwords {
				if sw[w] {
					score[lang]++
				}
			}
			if strings.ContainsAny(w, czechLetters) {
				score["cs"] += 0.25
			}
		}
		total := score["cs"] + score["en"]
		if total < minEvidence {
			return guess{words: words}
		}
		if score["en"] > score["cs"] {
			return guess{lang: "en", share: score["en"] / total, words: words}
		}
		return guess{lang: "cs", share: score["cs"] / total, words: words}
	}
	texts := []string{englishText, czechText, "", "a", " the ", "v\xffve na\x80se", "ČESKÉ ŠKOLY A ŽÁCI v 12h", englishText + czechText,
		strings.Repeat("a že ", 20) + "x", "the1and2of3in4is5that6for7on8with"}
	progs, _ := Load(Options{FS: samples.FS, Sources: []string{"."}})
	for _, p := range progs {
		for _, c := range p.Chapters {
			texts = append(texts, doc.ChapterText(c))
		}
	}
	for _, text := range texts {
		if got, want := detectLanguage(text), byFields(text); got != want {
			t.Errorf("%.40q: %v, by fields %v", text, got, want)
		}
	}
}
