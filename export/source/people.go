package source

import (
	"io/fs"
	"path"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"leafpress/export/diag"
	"leafpress/export/doc"
)

// loadPeople reads a folder of people files (*.md with front matter uid,
// name, titles: {before, after}) into people, keyed by uid. A person
// already known keeps the first file's data.
func loadPeople(fsys files, dir string, people map[string]*doc.Person, from map[string]string, dl *diag.List) {
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		dl.Errorf(fsys.Display(dir), 0, "the people folder cannot be read (%v); check the path given for people", cause(err))
		return
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || !isMarkdown(name) {
			continue
		}
		file := fsys.Join(dir, name)
		if e.IsDir() || (e.Type()&fs.ModeSymlink != 0 && isDir(fsys, file)) {
			continue
		}
		shown := fsys.Display(file)
		data, err := fsys.ReadFile(file)
		if err != nil {
			dl.Errorf(shown, 0, "the person file cannot be read (%v); check its permissions", cause(err))
			continue
		}
		p, ok := parsePerson(shown, data, dl)
		if !ok {
			continue
		}
		if first, dup := from[p.UID]; dup {
			dl.Warnf(shown, 1, "the uid %q is also used by %s; this file is ignored: give each person their own uid", p.UID, first)
			continue
		}
		people[p.UID] = p
		from[p.UID] = shown
	}
}

// parsePerson reads one person file.
func parsePerson(shown string, data []byte, dl *diag.List) (*doc.Person, bool) {
	text, enc := decodeText(data)
	if enc != nil {
		dl.Warnf(shown, enc.line, "%s", enc.msg)
	}
	fm, found, prob, fatal := splitFrontMatter(text)
	if !found {
		dl.Errorf(shown, 1, "the person file has no front matter: write a line ---, then \"uid: jana.novakova\", \"name: Jana Nováková\", then a line ---; the person is left out")
		return nil, false
	}
	if fatal {
		dl.Errorf(shown, prob.line, "%s; the person is left out", prob.msg)
		return nil, false
	}
	m, prob := parseYAMLMap(fm.yaml)
	if prob != nil {
		dl.Add(diag.Diagnostic{Severity: diag.Error, File: shown, Line: fm.open + prob.line, Column: prob.col, Message: withFileLines(prob.msg, fm.open) + "; the person is left out"})
		return nil, false
	}
	for _, d := range m.dups {
		dl.Warnf(shown, fm.open+d.line, "%s", d.message(fm.open))
	}
	line := func(key string) int {
		if l, ok := m.lines[key]; ok {
			return fm.open + l
		}
		return fm.open
	}
	str := func(v any, key string) string {
		s, ok := scalarString(v)
		if !ok {
			dl.Warnf(shown, line(key), "%s must be one line of text; it is ignored", key)
		}
		return oneLine(s)
	}
	p := &doc.Person{
		UID:  str(m.values["uid"], "uid"),
		Name: str(m.values["name"], "name"),
	}
	switch t := m.values["titles"].(type) {
	case map[string]any:
		p.TitlesBefore = str(t["before"], "titles")
		p.TitlesAfter = str(t["after"], "titles")
	case nil:
	default:
		dl.Warnf(shown, line("titles"), "titles must have the form \"titles: {before: Mgr., after: Ph.D.}\"; they are ignored")
	}
	if p.UID == "" {
		p.UID = uidFromFile(shown)
		base := strings.TrimSuffix(path.Base(shown), path.Ext(shown))
		if p.UID != base {
			dl.Warnf(shown, fm.open, "the person has no uid; %q (from the file name) is used: add \"uid: %s\" to the front matter", p.UID, p.UID)
		}
	}
	if p.Name == "" {
		dl.Warnf(shown, line("name"), "the person has no name, so the uid %q is printed instead: add a line such as \"name: Jana Nováková\"", p.UID)
	}
	return p, true
}

// campaign is one programme named in campaigns.yml.
type campaign struct {
	title      string
	groupUID   string
	groupTitle string
	lang       string
}

// campaignGroup is one entry of campaigns.yml.
type campaignGroup struct {
	GroupUID  string          `yaml:"groupUid"`
	Title     string          `yaml:"title"`
	Lang      string          `yaml:"lang"`
	Campaigns []campaignEntry `yaml:"campaigns"`
}

// campaignEntry is one campaign of a group in campaigns.yml.
type campaignEntry struct {
	Title       string `yaml:"title"`
	CategoryUID string `yaml:"categoryUid"`
	Lang        string `yaml:"lang"`
}

// loadCampaigns reads campaigns.yml into campaigns keyed by categoryUid.
// The first file that names a category wins.
func loadCampaigns(shown string, data []byte, campaigns map[string]campaign, dl *diag.List) {
	text, enc := decodeText(data)
	if enc != nil {
		dl.Warnf(shown, enc.line, "%s", enc.msg)
	}
	if strings.TrimSpace(text) == "" {
		dl.Warnf(shown, 1, "the file is empty; programme titles are taken from their uids: list the campaigns here (groupUid, title, campaigns: [{title, categoryUid}])")
		return
	}
	if l := deepNesting(text); l > 0 {
		dl.Errorf(shown, l, "brackets nest too deeply here; fix the line so that the programme titles can be read")
		return
	}
	var groups []campaignGroup
	var lines [][]int
	err := decodeYAML(text, func(body ast.Node) error {
		seq, ok := body.(*ast.SequenceNode)
		if !ok {
			return errNotList
		}
		lines = campaignLines(seq)
		for _, d := range duplicateKeys(body) {
			dl.Warnf(shown, d.line, "%s", d.message(0))
		}
		return yaml.NodeToValue(body, &groups, yaml.AllowDuplicateMapKey())
	})
	if err == errNotList {
		dl.Errorf(shown, 1, "the file must be a list of groups (lines starting with \"- groupUid:\"), each with a title and campaigns: [{title, categoryUid}]; programme titles are taken from their uids")
		return
	}
	if err != nil {
		p := yamlProblem(err)
		msg := strings.Replace(withFileLines(p.msg, 0), "the front matter is not valid YAML", "the file is not valid YAML", 1)
		dl.Add(diag.Diagnostic{Severity: diag.Error, File: shown, Line: p.line, Column: p.col, Message: msg + "; programme titles are taken from their uids until it is fixed"})
		return
	}
	for gi, g := range groups {
		for ci, c := range g.Campaigns {
			line := 0
			if gi < len(lines) && ci < len(lines[gi]) {
				line = lines[gi][ci]
			}
			uid := strings.TrimSpace(c.CategoryUID)
			if uid == "" {
				dl.Warnf(shown, line, "this campaign has no categoryUid, so no chapter can belong to it: add the campaignCategoryUid its chapters use")
				continue
			}
			if _, dup := campaigns[uid]; dup {
				dl.Warnf(shown, line, "the categoryUid %q is listed twice; the first entry is used: remove the other", uid)
				continue
			}
			lang := c.Lang
			if lang == "" {
				lang = g.Lang
			}
			campaigns[uid] = campaign{
				title:      oneLine(strings.TrimSpace(c.Title)),
				groupUID:   strings.TrimSpace(g.GroupUID),
				groupTitle: oneLine(strings.TrimSpace(g.Title)),
				lang:       strings.TrimSpace(lang),
			}
		}
	}
}

type constError string

func (e constError) Error() string { return string(e) }

const errNotList = constError("not a list")

// campaignLines returns, for each group of a campaigns.yml sequence, the
// line of each of its campaigns.
func campaignLines(seq *ast.SequenceNode) [][]int {
	out := make([][]int, len(seq.Values))
	for i, g := range seq.Values {
		list, ok := mapValue(g, "campaigns").(*ast.SequenceNode)
		if !ok {
			continue
		}
		for _, c := range list.Values {
			line := 0
			if tk := c.GetToken(); tk != nil && tk.Position != nil {
				line = tk.Position.Line
			}
			out[i] = append(out[i], line)
		}
	}
	return out
}

// mapValue returns the value of key in a mapping node, or nil.
func mapValue(n ast.Node, key string) ast.Node {
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, mv := range n.Values {
			if v := mapValue(mv, key); v != nil {
				return v
			}
		}
	case *ast.MappingValueNode:
		if n.Key != nil && n.Key.GetToken() != nil && n.Key.GetToken().Value == key {
			return n.Value
		}
	}
	return nil
}

// isMarkdown reports whether a file name is a Markdown file's.
func isMarkdown(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}
