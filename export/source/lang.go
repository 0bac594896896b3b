package source

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"leafpress/export/doc"
)

// Language identification. leafpress sets text only in the languages it
// has hyphenation patterns for (Czech and English), so telling them apart
// is all it needs: a count of the commonest short words of each language
// (stopwords), with Czech's letters with háček and čárka counting for
// Czech. It needs no model and no dependency, is exact on running text of
// a paragraph or more, and says how sure it is; a general identifier
// (dozens of languages, n-gram models of megabytes) would answer questions
// leafpress cannot use.

var stopwords = map[string]map[string]bool{
	"cs": set("v ve na se je že do pro s z ze k jak jako aby ale nebo už jsou být bude budou které který která také tak při po od u jsme chceme naše náš není než až pokud jen jejich této tento tato mezi bez pod nad před"),
	"en": set("the and of in is that for on with as are be by this it will we our from at or an not have which more their its can all has been would who was were they than into about also there these"),
}

// stopLangs holds, for each stopword, whether it is Czech (cs) and
// whether English (en): one look-up a word.
var stopLangs = func() map[string]struct{ cs, en bool } {
	m := map[string]struct{ cs, en bool }{}
	for w := range stopwords["cs"] {
		e := m[w]
		e.cs = true
		m[w] = e
	}
	for w := range stopwords["en"] {
		e := m[w]
		e.en = true
		m[w] = e
	}
	return m
}()

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// czechLetters are the letters only Czech (of the two) writes.
const czechLetters = "ěščřžýáíéůúťďňó"

// guess is a detected language and how sure the detection is.
type guess struct {
	lang  string  // "cs", "en", or "" when too little text
	share float64 // the winner's share of the evidence, 0.5-1
	words int     // the words looked at
}

// minEvidence is the least number of stopwords and Czech words a guess
// needs; sure is the share above which a guess is taken.
const (
	minEvidence = 8
	sure        = 0.8
)

// detectLanguage guesses the language of a text. Words are the runs of
// letters of the text in lower case, walked in place (the text of a
// chapter is tens of kilobytes).
func detectLanguage(text string) guess {
	var cs, en float64
	words := 0
	lower := strings.ToLower(text)
	start := -1    // where the current word began, -1 between words
	czech := false // the current word has a letter of czechLetters
	for i, r := range lower {
		letter := r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') || r >= utf8.RuneSelf && unicode.IsLetter(r)
		switch {
		case letter && start < 0:
			start, czech = i, false
		case !letter && start >= 0:
			cs, en = scoreWord(lower[start:i], czech, cs, en)
			words++
			start = -1
		}
		if letter && r >= utf8.RuneSelf && !czech {
			czech = strings.ContainsRune(czechLetters, r)
		}
	}
	if start >= 0 {
		cs, en = scoreWord(lower[start:], czech, cs, en)
		words++
	}
	total := cs + en
	if total < minEvidence {
		return guess{words: words}
	}
	g := guess{lang: "cs", share: cs / total, words: words}
	if en > cs {
		g = guess{lang: "en", share: en / total, words: words}
	}
	return g
}

// scoreWord adds a word's evidence to the Czech and English scores: one
// for a stopword of the language, a quarter for a word with a letter only
// Czech writes.
func scoreWord(w string, czech bool, cs, en float64) (float64, float64) {
	if l, ok := stopLangs[w]; ok {
		if l.cs {
			cs++
		}
		if l.en {
			en++
		}
	}
	if czech {
		cs += 0.25
	}
	return cs, en
}

func (g guess) String() string {
	if g.lang == "" {
		return fmt.Sprintf("too little text to tell (%d words)", g.words)
	}
	return fmt.Sprintf("%s, %.0f %% sure (%d words)", g.lang, 100*g.share, g.words)
}

// languages decides the language of a programme and of each of its
// chapters. A language written down wins: the chapter's lang:, else the
// programme's (campaigns.yml); a chapter whose text is clearly in another
// language gets a warning. Where nothing is written the text decides, when
// it is clear; else the site's lang (_config.yml); else Czech. The site's
// lang comes after the text because a site written in one language often
// holds a programme in another (an English version), whose chapters carry
// no lang: of their own.
func (l *loader) languages(prog *doc.Programme, members []*parsed, campaignLang, siteLang string) {
	guesses := make([]guess, len(members))
	votes := map[string]int{}
	for i, p := range members {
		guesses[i] = p.guess
		if guesses[i].lang != "" && guesses[i].share >= sure {
			votes[guesses[i].lang]++
		}
	}
	// The programme: written, else what most chapters are in, else the site's.
	progLang, how := campaignLang, "_data/campaigns.yml"
	for _, p := range members {
		if progLang == "" && p.lang != "" {
			progLang, how = p.lang, "the lang: of "+p.ch.Source
		}
	}
	if progLang == "" {
		best := ""
		for _, lang := range []string{"cs", "en"} {
			if votes[lang] > 0 && (best == "" || votes[lang] > votes[best]) {
				best = lang
			}
		}
		if best != "" {
			progLang, how = best, fmt.Sprintf("the text of %d of its %d chapters", votes[best], len(members))
		}
	}
	if progLang == "" && siteLang != "" {
		progLang, how = siteLang, "the site's _config.yml"
	}
	prog.Language = language(progLang)
	if how == "" {
		how = "the default"
	}
	l.verbose("programme %s: language %s (from %s)", prog.UID, prog.Language, how)

	for i, p := range members {
		g := guesses[i]
		written, from := language(p.lang), "its lang:"
		if p.lang == "" {
			written, from = "", ""
			if campaignLang != "" {
				written, from = language(campaignLang), "the programme's lang in _data/campaigns.yml"
			}
		}
		switch {
		case written != "":
			p.ch.Language = written
			if g.lang != "" && g.lang != written && g.share >= 0.9 && g.words >= 40 {
				line := p.line("lang")
				p.warn(line, 0, "the text reads as %s (%s), but %s says %q: the hyphenation, quotes and spell checking follow %s; correct lang: if the text is %s", langName(g.lang), g, from, written, langName(written), langName(g.lang))
			}
		case g.lang != "" && g.share >= sure:
			p.ch.Language = g.lang
		default:
			p.ch.Language = prog.Language
		}
		l.verbose("%s: language %s (detected: %s)", p.ch.Source, p.ch.Language, g)
	}
}

func langName(tag string) string {
	switch tag {
	case "cs":
		return "Czech"
	case "en":
		return "English"
	}
	return tag
}
