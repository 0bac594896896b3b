package source

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// maxNesting bounds how deeply brackets may nest in front matter, so that
// a broken file cannot exhaust the YAML parser's stack.
const maxNesting = 200

// yamlMap is a decoded YAML mapping with the line (1-based, within the
// YAML text) of each top-level key.
type yamlMap struct {
	values map[string]any
	lines  map[string]int // the line of the value used (the last one)
	dups   []dupKey
}

// dupKey is a key written twice in one mapping. YAML forbids it, but
// Jekyll's reader (Ruby's Psych) takes the last value, and real sites
// rely on that; so does leafpress, with a warning.
type dupKey struct {
	key         string
	first, line int // lines within the YAML text
}

// message says what happened and what to change; offset turns YAML lines
// into file lines.
func (d dupKey) message(offset int) string {
	return fmt.Sprintf("the key %q is written twice, on lines %d and %d; the value on line %d is used (as Jekyll does): delete the line you do not mean", d.key, d.first+offset, d.line+offset, d.line+offset)
}

// duplicateKeys finds the keys written more than once in any mapping
// under n, in the order they appear.
func duplicateKeys(n ast.Node) []dupKey {
	var out []dupKey
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		switch n := n.(type) {
		case *ast.MappingNode:
			first := map[string]int{}
			for _, mv := range n.Values {
				if mv.Key != nil {
					if tk := mv.Key.GetToken(); tk != nil && tk.Position != nil {
						if l, seen := first[tk.Value]; seen {
							out = append(out, dupKey{key: tk.Value, first: l, line: tk.Position.Line})
						} else {
							first[tk.Value] = tk.Position.Line
						}
					}
				}
				walk(mv.Value)
			}
		case *ast.MappingValueNode:
			walk(&ast.MappingNode{Values: []*ast.MappingValueNode{n}})
		case *ast.SequenceNode:
			for _, v := range n.Values {
				walk(v)
			}
		case *ast.TagNode:
			walk(n.Value)
		case *ast.AnchorNode:
			walk(n.Value)
		}
	}
	walk(n)
	return out
}

// parseYAMLMap reads YAML text that must hold a mapping. An empty text
// gives an empty map. Problems carry lines within src.
func parseYAMLMap(src string) (m yamlMap, prob *problem) {
	m = yamlMap{values: map[string]any{}, lines: map[string]int{}}
	if strings.TrimSpace(src) == "" {
		return m, nil
	}
	if l := deepNesting(src); l > 0 {
		return m, &problem{line: l, msg: "brackets nest too deeply here; write the value on one line without [ or {, or put it in double quotes"}
	}
	var v any
	err := decodeYAML(src, func(body ast.Node) error {
		recordKeyLines(body, m.lines)
		m.dups = duplicateKeys(body)
		return yaml.NodeToValue(body, &v, yaml.AllowDuplicateMapKey())
	})
	if err != nil {
		return m, yamlProblem(err)
	}
	switch vv := v.(type) {
	case nil:
		return m, nil
	case map[string]any:
		m.values = vv
		return m, nil
	}
	return m, &problem{line: 1, msg: "the front matter must be made of \"key: value\" lines (such as title: Bezpečnost), not a list or a single text"}
}

// recordKeyLines notes the line of each top-level key of a mapping node;
// for a key written twice, the line of the last one, whose value is used.
func recordKeyLines(n ast.Node, lines map[string]int) {
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, mv := range n.Values {
			recordKeyLines(mv, lines)
		}
	case *ast.MappingValueNode:
		if n.Key == nil {
			return
		}
		tk := n.Key.GetToken()
		if tk == nil {
			return
		}
		lines[tk.Value] = tk.Position.Line // the last one is used
	case *ast.TagNode:
		recordKeyLines(n.Value, lines)
	case *ast.AnchorNode:
		recordKeyLines(n.Value, lines)
	}
}

// decodeYAML parses src and, when it holds a document, calls decode with
// the document's body. A key repeated in a mapping is allowed here, as
// Ruby's Psych (Jekyll's reader) allows it; callers report it. A panic inside the YAML library (while parsing or
// decoding) becomes an error.
func decodeYAML(src string, decode func(body ast.Node) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the YAML reader failed (%v)", r)
		}
	}()
	f, err := parser.ParseBytes([]byte(src), 0, parser.AllowDuplicateMapKey())
	if err != nil {
		return err
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil
	}
	return decode(f.Docs[0].Body)
}

var yamlPos = regexp.MustCompile(`\[(\d+):(\d+)\]`)

// yamlProblem turns a YAML library error into a problem with the line and
// column the library gives and a hint on how to fix it.
func yamlProblem(err error) *problem {
	p := &problem{line: 1}
	msg := err.Error()
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			p.line, p.col = tk.Position.Line, tk.Position.Column
		}
	}
	msg = strings.ReplaceAll(msg, "'\t'", "a tab")
	if errors.Is(err, yaml.ErrExceededMaxDepth) {
		msg = "values nest too deeply"
	}
	if p.line < 1 {
		p.line, p.col = 1, 0
	}
	p.msg = "the front matter is not valid YAML: " + msg + "; " + yamlHint(msg)
	return p
}

// yamlHint says how to fix the usual mistakes behind a YAML message.
func yamlHint(msg string) string {
	switch {
	case strings.Contains(msg, "already defined"):
		return "a key appears twice: keep one of them"
	case strings.Contains(msg, "a tab"):
		return "indent with spaces, not tabs"
	case strings.Contains(msg, "mapping value is not allowed"):
		return "put a value that contains \": \" in double quotes"
	case strings.Contains(msg, "pre-defined"), strings.Contains(msg, "is not allowed in this context"):
		return "check the indentation: each field starts at the very beginning of its line; only the lines of a value (such as the intro) are indented"
	case strings.Contains(msg, "end character of double-quoted"),
		strings.Contains(msg, "end character of single-quoted"):
		return "close the quotes, or write the value without them"
	case strings.Contains(msg, "could not find alias"):
		return "a value starting with * must be put in double quotes"
	case strings.Contains(msg, "']'") || strings.Contains(msg, "'}'"):
		return "close the bracket, or put the value in double quotes"
	}
	return "check the quotes and the indentation on this line, and put values with : # [ { * & or a leading quote in double quotes"
}

// withFileLines rewrites the "[line:column]" positions the YAML library
// puts in messages into file lines.
func withFileLines(msg string, offset int) string {
	return yamlPos.ReplaceAllStringFunc(msg, func(s string) string {
		sub := yamlPos.FindStringSubmatch(s)
		n, err := strconv.Atoi(sub[1])
		if err != nil {
			return s
		}
		return "line " + strconv.Itoa(n+offset)
	})
}

// deepNesting returns the line where [ and { brackets nest deeper than
// maxNesting, or 0.
func deepNesting(src string) int {
	depth, line := 0, 1
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			line++
		case '[', '{':
			depth++
			if depth > maxNesting {
				return line
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	// Deep block indentation counts too.
	for n, l := range strings.Split(src, "\n") {
		if len(l)-len(strings.TrimLeft(l, " -")) > 4*maxNesting {
			return n + 1
		}
	}
	return 0
}

// scalarString returns a YAML scalar as text: strings trimmed, numbers and
// booleans written out, null as "". ok is false for lists and mappings.
func scalarString(v any) (s string, ok bool) {
	switch v := v.(type) {
	case nil:
		return "", true
	case string:
		return strings.TrimSpace(v), true
	case bool:
		return strconv.FormatBool(v), true
	case uint64:
		return strconv.FormatUint(v, 10), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case int:
		return strconv.Itoa(v), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case time.Time:
		return v.Format("2006-01-02"), true
	case []byte:
		return strings.TrimSpace(string(v)), true
	}
	return "", false
}

// jsonSafe copies a decoded YAML value into one that encoding/json can
// write: NaN and infinities become text, bytes become text. budget bounds
// the bytes of JSON copied, roughly counted (aliases can make a small file
// expand); ok is false when it runs out.
func jsonSafe(v any, budget *int) (any, bool) {
	*budget -= jsonSize(v)
	if *budget < 0 {
		return nil, false
	}
	switch v := v.(type) {
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return strconv.FormatFloat(v, 'g', -1, 64), true
		}
		return v, true
	case []byte:
		return string(v), true
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			*budget -= len(k) + 3
			c, ok := jsonSafe(x, budget)
			if !ok {
				return nil, false
			}
			out[k] = c
		}
		return out, true
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			c, ok := jsonSafe(x, budget)
			if !ok {
				return nil, false
			}
			out[i] = c
		}
		return out, true
	case nil, string, bool, uint64, int64, int, time.Time:
		return v, true
	case yaml.MapSlice:
		out := make(map[string]any, len(v))
		for _, it := range v {
			*budget -= len(fmt.Sprint(it.Key)) + 3
			c, ok := jsonSafe(it.Value, budget)
			if !ok {
				return nil, false
			}
			out[fmt.Sprint(it.Key)] = c
		}
		return out, true
	}
	return fmt.Sprint(v), true
}

// jsonSize is about the bytes v takes in JSON, not counting what it holds.
func jsonSize(v any) int {
	switch v := v.(type) {
	case string:
		return len(v) + 3
	case []byte:
		return len(v) + 3
	case time.Time:
		return 23
	case nil:
		return 5
	}
	return 8 // a number, a bool, brackets and a comma
}
