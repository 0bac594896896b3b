package source

import (
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"leafpress/export/diag"
	"leafpress/export/doc"
	"leafpress/export/markdown"
	"leafpress/export/outfile"
)

// clip shortens a value quoted in a message to its first 60 characters.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// known front-matter keys; every other key goes to Chapter.Extra.
var knownKeys = map[string]bool{
	"title": true, "uid": true, "order": true, "campaignCategoryUid": true,
	"campaignGroupUid": true, "garant": true, "redmine": true, "img": true,
	"intro": true, "description": true, "lang": true,
}

// readBlocks and readInlines are the Markdown reader; tests replace them
// to check how its results are placed.
var (
	readBlocks  = markdown.Blocks
	readInlines = markdown.Inlines
)

// Extra fields may take, written as JSON, at most extraPerByte bytes per
// byte of front matter plus extraSlack: aliases can make a small file
// expand a million-fold, and no honest value grows more than a few times
// (a date, an escaped "<") when written as JSON.
const (
	extraPerByte = 8
	extraSlack   = 1 << 10
)

// parsed is one chapter file read on its own, with what Load needs
// besides the chapter: the programme keys and the lines of fields.
type parsed struct {
	ch       *doc.Chapter // nil when the chapter is left out
	diags    []diag.Diagnostic
	hasOrder bool
	category string // campaignCategoryUid
	group    string // campaignGroupUid
	lang     string
	guess    guess          // the language of the text
	open     int            // line of the opening ---
	lines    map[string]int // file line of each front-matter key
	body     string
	bodyLine int
}

// line returns the file line of a front-matter key, or the opening line.
func (p *parsed) line(key string) int {
	if l, ok := p.lines[key]; ok {
		return l
	}
	return p.open
}

func (p *parsed) warn(line, col int, format string, args ...any) {
	p.diags = append(p.diags, diag.Diagnostic{Severity: diag.Warning, File: p.ch.Source, Line: line, Column: col, Message: fmt.Sprintf(format, args...)})
}

// ParseChapter reads one chapter file's bytes (no people, no assets): for
// tests and fuzzing. file names the chapter in diagnostics and in
// Chapter.Source; its base name gives the uid when the front matter has
// none. The chapter is nil when it must be left out (no front matter, or
// front matter that cannot be read, or no title); the diagnostics say why.
//
// Garant holds only the uid and Image only Src: Load resolves them.
func ParseChapter(file string, data []byte) (*doc.Chapter, []diag.Diagnostic) {
	p := parseChapter(file, data)
	return p.ch, p.diags
}

func parseChapter(file string, data []byte) *parsed {
	p := &parsed{ch: &doc.Chapter{Source: file}, open: 1, lines: map[string]int{}}
	fail := func(line, col int, format string, args ...any) *parsed {
		p.diags = append(p.diags, diag.Diagnostic{Severity: diag.Error, File: file, Line: line, Column: col, Message: fmt.Sprintf(format, args...) + "; the chapter is left out"})
		p.ch = nil
		return p
	}

	if len(data) > MaxChapterBytes {
		p.diags = append(p.diags, diag.Diagnostic{Severity: diag.Error, File: file, Message: sizeError(int64(len(data)))})
		p.ch = nil
		return p
	}
	text, enc := decodeText(data)
	if enc != nil {
		p.warn(enc.line, 0, "%s", enc.msg)
	}
	text, ctl := removeControls(text)
	if ctl != nil {
		p.warn(ctl.line, ctl.col, "%s", ctl.msg)
	}
	fm, found, prob, fatal := splitFrontMatter(text)
	if !found {
		return fail(1, 0, "the file has no front matter: a chapter starts with a line ---, then lines such as \"title: Bezpečnost\" and \"uid: bezpecnost\", then a line ---")
	}
	p.open = fm.open
	if fatal {
		return fail(prob.line, 0, "%s", prob.msg)
	}
	if prob != nil {
		p.warn(prob.line, 0, "%s", prob.msg)
	}
	m, prob := parseYAMLMap(fm.yaml)
	if prob != nil {
		return fail(fm.open+prob.line, prob.col, "%s", withFileLines(prob.msg, fm.open))
	}
	for k, l := range m.lines {
		p.lines[k] = fm.open + l
	}
	for _, d := range m.dups {
		p.warn(fm.open+d.line, 0, "%s", d.message(fm.open))
	}
	p.body, p.bodyLine = fm.body, fm.bodyLine
	v := m.values
	for _, k := range slices.Sorted(maps.Keys(v)) {
		if n, long := tooLong(v[k]); long {
			p.warn(p.line(k), 0, "the value of %q has %d bytes, more than the %d a field may have; it is left out: shorten it", clip(k), n, MaxValueBytes)
			delete(v, k)
		}
	}

	ch := p.ch
	title, ok := scalarString(v["title"])
	title = oneLine(title)
	if !ok {
		return fail(p.line("title"), 0, "the title must be one line of text, not a list")
	}
	if title == "" {
		for k := range v {
			if strings.EqualFold(k, "title") && k != "title" {
				return fail(p.line(k), 0, "the chapter has no title: the key is written %q; write it as \"title\" in small letters", k)
			}
		}
		return fail(p.line("title"), 0, "the chapter has no title: add a line such as \"title: Bezpečnost\" to the front matter")
	}
	ch.Title = title

	uid, ok := scalarString(v["uid"])
	if !ok {
		p.warn(p.line("uid"), 0, "the uid must be one word such as \"bezpecnost\", not a list; the file name is used instead")
		uid = ""
	}
	if uid != "" {
		p.lintUID(file, uid)
	}
	if uid == "" {
		uid = uidFromFile(file)
		p.warn(p.line("uid"), 0, "the chapter has no uid; %q (from the file name) is used: add \"uid: %s\" to the front matter so that links to it stay the same", uid, uid)
	}
	name, err := outfile.Name(uid)
	if err != nil {
		return fail(p.line("uid"), 0, "the uid %q cannot name the chapter's files: %v; use letters, digits and hyphens, such as \"doprava\"", clip(uid), err)
	}
	if name != strings.TrimSpace(uid) {
		p.warn(p.line("uid"), 0, "the uid %q is used as %q (file names take letters, digits, - and _ only); write it so", clip(uid), name)
	}
	ch.UID = name

	if raw, present := v["order"]; present && raw != nil {
		if n, ok := orderNumber(raw); ok {
			ch.Order, p.hasOrder = n, true
		} else if s, ok := scalarString(raw); !ok || s != "" {
			p.warn(p.line("order"), 0, "order %q is not a whole number; write a number such as \"order: 3\" (the chapter is placed after the numbered ones)", fmt.Sprint(raw))
		}
	}

	p.category = p.stringField(v, "campaignCategoryUid")
	if p.category != "" {
		name, err := outfile.Name(p.category)
		if err != nil {
			return fail(p.line("campaignCategoryUid"), 0, "the campaignCategoryUid %q cannot name the programme's folder: %v; use letters, digits and hyphens, such as \"2026-lipova\"", clip(p.category), err)
		}
		if name != strings.TrimSpace(p.category) {
			p.warn(p.line("campaignCategoryUid"), 0, "the campaignCategoryUid %q is used as %q (folder names take letters, digits, - and _ only); write it so", clip(p.category), name)
		}
		p.category = name
	}
	p.group = p.stringField(v, "campaignGroupUid")
	p.lang = p.stringField(v, "lang")
	ch.Description = p.stringField(v, "description")
	ch.Redmine = p.stringField(v, "redmine")
	if g := p.garant(v["garant"]); g != "" {
		ch.Garant = &doc.Person{UID: g}
	}
	if img := p.stringField(v, "img"); img != "" {
		ch.Image = &doc.Image{Src: img}
	}
	if raw, present := v["intro"]; present {
		if s, ok := scalarString(raw); ok {
			ch.Intro = introInlines(s)
		} else {
			p.warn(p.line("intro"), 0, "the intro must be text; write it after \"intro: >\" on indented lines")
		}
	}

	budget := extraPerByte*len(fm.yaml) + extraSlack
	for _, k := range slices.Sorted(maps.Keys(v)) {
		if knownKeys[k] {
			continue
		}
		c, ok := jsonSafe(v[k], &budget)
		if !ok {
			p.warn(p.line(k), 0, "the field %q is too large to keep and is left out; shorten it", k)
			continue
		}
		if ch.Extra == nil {
			ch.Extra = map[string]any{}
		}
		ch.Extra[k] = c
	}

	if strings.TrimSpace(fm.body) == "" {
		p.warn(fm.close, 0, "the chapter has no text below the front matter; write it, or delete the file if it is not needed")
	} else if !p.parseBody() {
		return fail(fm.bodyLine, 0, "the text could not be read (an internal error of leafpress; please report it with this file)")
	} else {
		p.lintBody(fm.body, fm.bodyLine)
	}
	p.guess = detectLanguage(doc.ChapterText(ch)) // here, as chapters are read in parallel
	p.limitBlocks()
	p.refuseLinks()
	return p
}

// refuseLinks turns links whose address may not be clicked (see
// doc.LinkAllowed: javascript:, data:, file:, relative paths) into their
// text, with a warning at the link's line. It runs on the tree, so every
// writer (PDF, Word, HTML) gets the same rule.
func (p *parsed) refuseLinks() {
	const msg = "the link to %q is printed as plain text: only http, https, mailto and tel addresses and #anchors become links; write the full address (https://...)"
	p.ch.Intro = doc.FilterLinks(p.ch.Intro, func(l *doc.Link) {
		p.warn(p.line("intro"), 0, msg, clip(l.URL))
	})
	find := p.finder()
	doc.FilterBlockLinks(p.ch.Blocks, func(l *doc.Link) {
		line, col := find(l.URL)
		p.warn(line, col, msg, clip(l.URL))
	})
}

// parseBody parses the Markdown body into blocks and reports the reader's
// problems at file lines. It returns false when the Markdown reader failed.
func (p *parsed) parseBody() (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	blocks, probs := readBlocks([]byte(p.body))
	p.ch.Blocks = blocks
	for _, pr := range probs {
		line := 0
		if pr.Line > 0 {
			line = p.bodyLine - 1 + pr.Line
		}
		p.warn(line, 0, "%s", pr.Message)
	}
	return true
}

// introInlines parses a front-matter intro (Markdown with inline HTML).
func introInlines(s string) (ins []doc.Inline) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	defer func() {
		if recover() != nil {
			ins = []doc.Inline{&doc.Text{Text: s}}
		}
	}()
	return readInlines([]byte(s))
}

// stringField returns a scalar field as text; a list or mapping gives a
// warning and "".
func (p *parsed) stringField(v map[string]any, key string) string {
	s, ok := scalarString(v[key])
	if !ok {
		p.warn(p.line(key), 0, "%s must be one line of text, not a list; it is ignored", key)
		return ""
	}
	return s
}

// garant returns the garant's uid. A list keeps its first entry.
func (p *parsed) garant(raw any) string {
	if list, ok := raw.([]any); ok && len(list) > 0 {
		s, ok := scalarString(list[0])
		if ok && s != "" {
			if len(list) > 1 {
				p.warn(p.line("garant"), 0, "garant names %d people; only %q is printed: give one person's uid", len(list), s)
			}
			return s
		}
	}
	s, ok := scalarString(raw)
	if !ok {
		p.warn(p.line("garant"), 0, "garant must be one person's uid, such as \"jana.novakova\"; it is ignored")
		return ""
	}
	return s
}

// orderNumber reads an order value: a whole number, perhaps written as
// text or as 3.0.
func orderNumber(v any) (int, bool) {
	switch v := v.(type) {
	case uint64:
		if v <= math.MaxInt32 {
			return int(v), true
		}
	case int64:
		if v >= math.MinInt32 && v <= math.MaxInt32 {
			return int(v), true
		}
	case int:
		if v >= math.MinInt32 && v <= math.MaxInt32 {
			return v, true
		}
	case float64:
		if v == math.Trunc(v) && v >= math.MinInt32 && v <= math.MaxInt32 {
			return int(v), true
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= math.MinInt32 && n <= math.MaxInt32 {
			return n, true
		}
	}
	return 0, false
}

// uidFromFile derives a uid from a file's base name without extension.
func uidFromFile(file string) string {
	base := path.Base(strings.ReplaceAll(file, "\\", "/"))
	if ext := path.Ext(base); ext != "" && ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	if s, err := outfile.Name(Slug(base)); err == nil {
		return s
	}
	return "chapter"
}

// oneLine joins the lines of a folded value with single spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\t") {
		return s
	}
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\t' || r == ' ' })
	return strings.Join(f, " ")
}

// finder returns a function that finds the file line and column of the
// next place in the body where s is written (searching on from the last
// place found, then from the start), or 0, 0. Searching on keeps the cost
// linear in the body's size for things written in order.
func (p *parsed) finder() func(s string) (line, col int) {
	from, line, col := 0, 1, 1 // a place in the body and its line and column
	return func(s string) (int, int) {
		if s == "" {
			return 0, 0
		}
		i := strings.Index(p.body[from:], s)
		if i >= 0 {
			i += from
		} else if i = strings.Index(p.body, s); i < 0 {
			return 0, 0
		} else {
			from, line, col = 0, 1, 1
		}
		seg := p.body[from:i]
		if n := strings.Count(seg, "\n"); n > 0 {
			line += n
			seg = seg[strings.LastIndexByte(seg, '\n')+1:]
			col = 1
		}
		col += utf8.RuneCountInString(seg)
		from = i
		return p.bodyLine - 1 + line, col
	}
}
