package source

import (
	"net/url"
	"path"
	"strings"
	"unicode"

	"leafpress/export/diag"
	"leafpress/export/doc"
)

// site holds what a Jekyll site's _config.yml and _data/leafpress.yml say
// that print needs: the public address, the collections' permalinks, the
// site's language and organisation, and the imprint.
type site struct {
	root    string
	url     string // url + baseurl, no trailing slash; "" when unknown
	lang    string
	style   string // the site's permalink style ("date" by default)
	org     *doc.Organisation
	imprint *doc.Imprint
	// collections maps a collection's label to its settings.
	collections map[string]collection
	// pages maps a campaignCategoryUid to the site page that names it.
	pages   map[string]programmePage
	scanned bool            // pages were looked for
	warned  map[string]bool // collections already warned about
}

// collection is one entry of _config.yml collections:.
type collection struct {
	permalink string
	output    bool
}

// programmePage is a page of the site outside the collections whose front
// matter names a programme (campaignCategoryUid).
type programmePage struct {
	url, title, file string
}

// SiteOptions are the facts the command line may set over a site's own.
type SiteOptions struct {
	// URL, when set, is the site's public base address (scheme, host and
	// any base path), replacing _config.yml url and baseurl.
	URL string
	// CommissionedBy and ProducedBy, when set, replace the imprint's
	// commissioned_by and produced_by from _data/leafpress.yml.
	CommissionedBy, ProducedBy string
}

// readSite reads a site root's _config.yml and _data/leafpress.yml. A
// missing file is no problem; a broken one is a warning naming its line.
func (l *loader) readSite(root string) *site {
	s := &site{root: root, style: "date", collections: map[string]collection{}, pages: map[string]programmePage{}}
	cfgFile := l.fsys.Join(root, "_config.yml")
	if m, ok := l.readYAMLFile(cfgFile, "the site's settings (address, language, organisation)"); ok {
		shown := l.fsys.Display(cfgFile)
		str := func(key string) string {
			v, ok := scalarString(m.values[key])
			if !ok {
				l.dl.Warnf(shown, m.lines[key], "%s must be one line of text; it is ignored", key)
			}
			return v
		}
		s.url = joinBase(str("url"), str("baseurl"))
		if s.url != "" && !webAddress(s.url) {
			l.dl.Warnf(shown, m.lines["url"], "url %q is not a web address starting with https:// or http://; the chapters' addresses are left out", clip(s.url))
			s.url = ""
		}
		s.lang = str("lang")
		if st := str("permalink"); st != "" {
			s.style = st
		}
		if o, ok := m.values["organization"].(map[string]any); ok {
			get := func(k string) string { v, _ := scalarString(o[k]); return oneLine(v) }
			s.org = &doc.Organisation{Name: get("name"), Email: get("email"), Phone: cmpOr(get("phone"), get("telephone"))}
			if *s.org == (doc.Organisation{}) {
				s.org = nil
			}
		}
		switch cs := m.values["collections"].(type) {
		case map[string]any:
			for label, v := range cs {
				c := collection{}
				if mm, ok := v.(map[string]any); ok {
					c.permalink, _ = scalarString(mm["permalink"])
					c.output, _ = mm["output"].(bool)
				}
				s.collections[label] = c
			}
		case []any:
			for _, v := range cs {
				if label, ok := scalarString(v); ok && label != "" {
					s.collections[label] = collection{}
				}
			}
		}
	}
	if u := strings.TrimSpace(l.siteOpts.URL); u != "" {
		s.url = strings.TrimRight(u, "/")
	}
	lpFile := l.fsys.Join(root, "_data", "leafpress.yml")
	if m, ok := l.readYAMLFile(lpFile, "the imprint"); ok {
		shown := l.fsys.Display(lpFile)
		switch im := m.values["imprint"].(type) {
		case map[string]any:
			get := func(k string) string { v, _ := scalarString(im[k]); return oneLine(v) }
			s.imprint = &doc.Imprint{CommissionedBy: get("commissioned_by"), ProducedBy: get("produced_by"), PrintedBy: get("printed_by")}
		case nil:
		default:
			l.dl.Warnf(shown, m.lines["imprint"], "imprint must hold the lines commissioned_by:, produced_by: and printed_by: (indented under it); it is ignored")
		}
	}
	s.imprint = l.withImprintFlags(s.imprint)
	return s
}

// withImprintFlags puts the command line's imprint over im.
func (l *loader) withImprintFlags(im *doc.Imprint) *doc.Imprint {
	if l.siteOpts.CommissionedBy == "" && l.siteOpts.ProducedBy == "" {
		return im
	}
	out := doc.Imprint{}
	if im != nil {
		out = *im
	}
	if v := strings.TrimSpace(l.siteOpts.CommissionedBy); v != "" {
		out.CommissionedBy = v
	}
	if v := strings.TrimSpace(l.siteOpts.ProducedBy); v != "" {
		out.ProducedBy = v
	}
	return &out
}

// readYAMLFile reads a YAML mapping file; ok is false when it is missing
// or broken (broken files get a warning saying what is lost).
func (l *loader) readYAMLFile(file, what string) (yamlMap, bool) {
	data, err := l.fsys.ReadFile(file)
	if err != nil {
		l.verbose("%s not found: %s are not known from it", l.fsys.Display(file), what)
		return yamlMap{}, false
	}
	shown := l.fsys.Display(file)
	text, enc := decodeText(data)
	if enc != nil {
		l.dl.Warnf(shown, enc.line, "%s", enc.msg)
	}
	m, prob := parseYAMLMap(text)
	for _, d := range m.dups {
		l.dl.Warnf(shown, d.line, "%s", d.message(0))
	}
	if prob != nil {
		msg := strings.Replace(withFileLines(prob.msg, 0), "the front matter is not valid YAML", "the file is not valid YAML", 1)
		l.dl.Add(diag.Diagnostic{Severity: diag.Warning, File: shown, Line: prob.line, Column: prob.col, Message: msg + "; " + what + " are not read from it until it is fixed"})
		return yamlMap{}, false
	}
	return m, true
}

// joinBase joins Jekyll's url and baseurl into one base without a
// trailing slash.
func joinBase(u, base string) string {
	u = strings.TrimRight(strings.TrimSpace(u), "/")
	base = strings.Trim(strings.TrimSpace(base), "/")
	if u == "" {
		return ""
	}
	if base != "" {
		u += "/" + base
	}
	return u
}

// absolute joins the site's base and a site path ("/program/x.html").
func (s *site) absolute(p string) string {
	if s == nil || s.url == "" {
		return ""
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return s.url + p
}

// root returns the site's own address, with a trailing slash.
func (s *site) rootURL() string { return s.absolute("/") }

// chapterURL returns the address Jekyll gives the page of a collection
// document: rel is its path inside the collection folder ("2026/doprava.md"),
// permalink its front matter permalink (or "").
func (s *site) chapterURL(label, rel, permalink string) string {
	if s == nil || s.url == "" {
		return ""
	}
	tmpl := permalink
	if tmpl == "" {
		tmpl = s.collections[label].permalink
	}
	if tmpl == "" {
		tmpl = withPermalinkSuffix("/:collection/:path", s.style)
	}
	ext := path.Ext(rel)
	noExt := strings.TrimSuffix(rel, ext)
	base := path.Base(noExt)
	out := ".html"
	if !isMarkdown(rel) && ext != ".html" {
		out = ext
	}
	p := expandPermalink(tmpl, map[string]string{
		"collection": label,
		"path":       "/" + noExt,
		"name":       slugify(base, false),
		"title":      slugifyPretty(base),
		"slug":       slugify(base, false),
		"output_ext": out,
	})
	return s.absolute(escapePath(p))
}

// pageURL returns the address Jekyll gives a page (a file outside the
// collections): rel is its path from the site root.
func (s *site) pageURL(rel, permalink string) string {
	if s == nil || s.url == "" {
		return ""
	}
	ext := path.Ext(rel)
	noExt := strings.TrimSuffix(rel, ext)
	dir, base := path.Split(noExt)
	out := ".html"
	if !isMarkdown(rel) && ext != ".html" {
		out = ext
	}
	tmpl := permalink
	switch {
	case tmpl != "":
	case out != ".html":
		tmpl = "/:path/:basename:output_ext"
	case base == "index":
		tmpl = "/:path/"
	default:
		tmpl = withPermalinkSuffix("/:path/:basename", s.style)
	}
	p := expandPermalink(tmpl, map[string]string{
		"path":       strings.Trim(dir, "/"),
		"basename":   base,
		"output_ext": out,
	})
	return s.absolute(escapePath(p))
}

// withPermalinkSuffix adds to a template the ending the site's permalink
// style asks for, as Jekyll's add_permalink_suffix does.
func withPermalinkSuffix(tmpl, style string) string {
	switch style {
	case "pretty":
		return tmpl + "/"
	case "date", "ordinal", "none", "weekdate":
		return tmpl + ":output_ext"
	}
	if strings.HasSuffix(style, "/") {
		tmpl += "/"
	}
	if strings.HasSuffix(style, ":output_ext") {
		tmpl += ":output_ext"
	}
	return tmpl
}

// expandPermalink fills Jekyll's :placeholders in a permalink template and
// cleans the result as Jekyll does (no doubled or missing slashes).
func expandPermalink(tmpl string, vals map[string]string) string {
	var sb strings.Builder
	for i := 0; i < len(tmpl); {
		if tmpl[i] == ':' {
			j := i + 1
			for j < len(tmpl) && (tmpl[j] == '_' || isASCIIAlnum(tmpl[j])) {
				j++
			}
			// The longest known name wins (":output_ext", ":path").
			name := tmpl[i+1 : j]
			for name != "" {
				if v, ok := vals[name]; ok {
					sb.WriteString(v)
					break
				}
				name = name[:len(name)-1]
			}
			if name == "" {
				sb.WriteString(tmpl[i:j])
				i = j
				continue
			}
			i += 1 + len(name)
			continue
		}
		sb.WriteByte(tmpl[i])
		i++
	}
	p := sb.String()
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	p = strings.ReplaceAll(p, "/./", "/")
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}

func isASCIIAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// slugify is Jekyll's default slugify: runs of characters other than
// letters, marks and digits become one hyphen, ends trimmed, lower case
// unless cased.
func slugify(s string, cased bool) string {
	return slugWith(s, cased, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
	})
}

// slugifyPretty is Jekyll's "pretty" slugify with case kept (its :title):
// it also keeps . _ ~ ! $ & ' ( ) + , ; = @.
func slugifyPretty(s string) string {
	return slugWith(s, true, func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || strings.ContainsRune("._~!$&'()+,;=@", r)
	})
}

func slugWith(s string, cased bool, keep func(rune) bool) string {
	var sb strings.Builder
	dash := false
	for _, r := range s {
		if keep(r) {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			dash = false
			sb.WriteRune(r)
			continue
		}
		dash = true
	}
	out := sb.String()
	if !cased {
		out = strings.ToLower(out)
	}
	return out
}

// escapePath percent-encodes a URL path as Jekyll does (spaces and
// characters outside ASCII; slashes kept).
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// readableTitle makes a title out of an id, for when no title is written
// anywhere: "volby-2022" gives "Volby 2022". It is never the raw id.
func readableTitle(id string) string {
	if id == "" {
		return ""
	}
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' || unicode.IsSpace(r) })
	if len(words) == 0 {
		return id
	}
	s := strings.Join(words, " ")
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// siteFor returns the site of a chapter file (nil for chapters in no
// site, unless the command line gives the site's address).
func (l *loader) siteFor(cf chapterFile) *site {
	if cf.site == "" {
		if l.siteOpts.URL == "" && l.siteOpts.CommissionedBy == "" && l.siteOpts.ProducedBy == "" {
			return nil
		}
		if l.bare == nil {
			l.bare = &site{style: "date", url: strings.TrimRight(strings.TrimSpace(l.siteOpts.URL), "/"), collections: map[string]collection{}, pages: map[string]programmePage{}}
			l.bare.imprint = l.withImprintFlags(nil)
		}
		return l.bare
	}
	key := l.fsys.Abs(cf.site)
	if s, ok := l.siteInfo[key]; ok {
		return s
	}
	s := l.readSite(cf.site)
	l.siteInfo[key] = s
	return s
}

// inCollection returns a chapter's collection label and its path inside
// the collection folder.
func (l *loader) inCollection(cf chapterFile) (label, rel string) {
	file := strings.ReplaceAll(l.fsys.Abs(cf.path), "\\", "/")
	if cf.site != "" {
		root := strings.TrimSuffix(strings.ReplaceAll(l.fsys.Abs(cf.site), "\\", "/"), "/")
		if root == "." {
			root = ""
		}
		rest := strings.TrimPrefix(file, root+"/")
		if root == "" {
			rest = strings.TrimPrefix(file, "./")
		}
		if first, after, ok := strings.Cut(rest, "/"); ok && strings.HasPrefix(first, "_") {
			return first[1:], after
		}
	}
	return "program", path.Base(file)
}

// siteFacts fills a programme's title, group, address, organisation and
// imprint from campaigns.yml and its site. first is its first chapter.
func (l *loader) siteFacts(prog *doc.Programme, s *site, c campaign, first *parsed, folder string) {
	var page programmePage
	if s != nil {
		s.findPages(l)
		page = s.pages[prog.UID]
		prog.Organisation = s.org
		prog.Imprint = s.imprint
		prog.URL = cmpOr(page.url, s.rootURL())
	}
	switch {
	case c.title != "":
		prog.Title = c.title
	case page.title != "":
		prog.Title = page.title
		l.verbose("programme %s: title %q from its page %s", prog.UID, page.title, page.file)
	case folder != "":
		prog.Title = folder // chapters without campaignCategoryUid: named after their folder
	default:
		// A raw id never reaches a cover: make it readable, and say where
		// the real title goes.
		prog.Title = readableTitle(prog.UID)
		if s == nil {
			l.verbose("programme %s: no title known; its cover reads %q (name its site, or give --campaigns)", prog.UID, prog.Title)
			break
		}
		first.warn(first.line("campaignCategoryUid"), 0, "the programme %q has no title: it is not in _data/campaigns.yml and no page of the site names it (campaignCategoryUid: %s); its cover reads %q: add it to _data/campaigns.yml (a campaign with title: and categoryUid: %s), or give the site a page with campaignCategoryUid: %s and title:", prog.UID, prog.UID, prog.Title, prog.UID, prog.UID)
	}
	prog.Group = cmpOr(c.groupTitle, readableTitle(c.groupUID))
}

// chapterFacts fills a chapter's address.
func (l *loader) chapterFacts(p *parsed, cf chapterFile, prog *doc.Programme, s *site) {
	ch := p.ch
	if s == nil || s.url == "" {
		return
	}
	label, rel := l.inCollection(cf)
	permalink, _ := scalarString(ch.Extra["permalink"])
	if c, declared := s.collections[label]; (!declared || !c.output) && l.siteOpts.URL == "" && cf.site != "" {
		s.warnOutput(l, label)
		return
	}
	ch.URL = s.chapterURL(label, rel, permalink)
}

// warnOutput says once per collection that Jekyll makes no pages for it.
func (s *site) warnOutput(l *loader, label string) {
	if s.warned == nil {
		s.warned = map[string]bool{}
	}
	if s.warned[label] {
		return
	}
	s.warned[label] = true
	l.dl.Warnf(l.fsys.Display(l.fsys.Join(s.root, "_config.yml")), 0, "the collection %q is not listed with output: true under collections:, so Jekyll makes no pages for its chapters and the leaflets carry no address: add \"collections: {%s: {output: true}}\", or give the address with --site-url", label, label)
}

// maxPages bounds the files looked at for programme pages.
const maxPages = 5000

// findPages looks through the site's pages (files outside the
// collections) for those naming a programme by campaignCategoryUid.
func (s *site) findPages(l *loader) {
	if s.scanned || s.root == "" {
		return
	}
	s.scanned = true
	seen := 0
	var walk func(dir, rel string, depth int)
	walk = func(dir, rel string, depth int) {
		entries, err := l.fsys.ReadDir(dir)
		if err != nil || depth > 8 {
			return
		}
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor" || name == "assets" {
				continue
			}
			full, r := l.fsys.Join(dir, name), path.Join(rel, name)
			if e.IsDir() {
				walk(full, r, depth+1)
				continue
			}
			if !isMarkdown(name) && path.Ext(name) != ".html" {
				continue
			}
			if seen++; seen > maxPages {
				return
			}
			s.readPage(l, full, r)
		}
	}
	walk(s.root, "", 0)
}

// readPage notes a page that names a programme.
func (s *site) readPage(l *loader, file, rel string) {
	data, err := l.fsys.ReadFile(file)
	if err != nil {
		return
	}
	text, _ := decodeText(data)
	fm, found, _, fatal := splitFrontMatter(text)
	if !found || fatal {
		return
	}
	m, prob := parseYAMLMap(fm.yaml)
	if prob != nil {
		return
	}
	uid, _ := scalarString(m.values["campaignCategoryUid"])
	if uid == "" {
		return
	}
	if _, dup := s.pages[uid]; dup {
		return
	}
	title, _ := scalarString(m.values["title"])
	permalink, _ := scalarString(m.values["permalink"])
	s.pages[uid] = programmePage{url: s.pageURL(rel, permalink), title: oneLine(title), file: l.fsys.Display(file)}
}

// webAddress reports whether u is an http or https address, the only kind
// a chapter's public address may be (it becomes a link and a QR code).
func webAddress(u string) bool {
	l := strings.ToLower(strings.TrimSpace(u))
	return (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) && doc.LinkAllowed(u)
}
