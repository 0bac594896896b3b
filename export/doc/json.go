package doc

import (
	"encoding/json"
	"fmt"
)

// marshalTyped marshals v (a method-less alias of a tree type) and puts
// the "type" field first.
func marshalTyped(typ string, v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	head := []byte(`{"type":"` + typ + `"`)
	if len(b) <= 2 {
		return append(head, '}'), nil
	}
	return append(append(head, ','), b[1:]...), nil
}

// MarshalJSON implements json.Marshaler.
func (v *Heading) MarshalJSON() ([]byte, error) {
	type t Heading
	return marshalTyped("heading", (*t)(v))
}

// MarshalJSON implements json.Marshaler.
func (v *Paragraph) MarshalJSON() ([]byte, error) {
	type t Paragraph
	return marshalTyped("paragraph", (*t)(v))
}

// MarshalJSON implements json.Marshaler.
func (v *Lead) MarshalJSON() ([]byte, error) { type t Lead; return marshalTyped("lead", (*t)(v)) }

// MarshalJSON implements json.Marshaler.
func (v *Quote) MarshalJSON() ([]byte, error) { type t Quote; return marshalTyped("quote", (*t)(v)) }

// MarshalJSON implements json.Marshaler.
func (v *List) MarshalJSON() ([]byte, error) { type t List; return marshalTyped("list", (*t)(v)) }

// MarshalJSON implements json.Marshaler.
func (v *Section) MarshalJSON() ([]byte, error) {
	type t Section
	return marshalTyped("section", (*t)(v))
}

// MarshalJSON implements json.Marshaler.
func (v *ImageBlock) MarshalJSON() ([]byte, error) { return marshalTyped("image", &v.Image) }

// MarshalJSON implements json.Marshaler.
func (v *Table) MarshalJSON() ([]byte, error) { type t Table; return marshalTyped("table", (*t)(v)) }

// MarshalJSON implements json.Marshaler.
func (v *Rule) MarshalJSON() ([]byte, error) { return []byte(`{"type":"rule"}`), nil }

// MarshalJSON implements json.Marshaler.
func (v *Text) MarshalJSON() ([]byte, error) { type t Text; return marshalTyped("text", (*t)(v)) }

// MarshalJSON implements json.Marshaler.
func (v *Strong) MarshalJSON() ([]byte, error) { type t Strong; return marshalTyped("strong", (*t)(v)) }

// MarshalJSON implements json.Marshaler.
func (v *Emphasis) MarshalJSON() ([]byte, error) {
	type t Emphasis
	return marshalTyped("emphasis", (*t)(v))
}

// MarshalJSON implements json.Marshaler.
func (v *Strike) MarshalJSON() ([]byte, error) { type t Strike; return marshalTyped("strike", (*t)(v)) }

// MarshalJSON implements json.Marshaler.
func (v *Link) MarshalJSON() ([]byte, error) { type t Link; return marshalTyped("link", (*t)(v)) }

// MarshalJSON implements json.Marshaler.
func (v *Span) MarshalJSON() ([]byte, error) { type t Span; return marshalTyped("span", (*t)(v)) }

// MarshalJSON implements json.Marshaler.
func (v *Code) MarshalJSON() ([]byte, error) { type t Code; return marshalTyped("code", (*t)(v)) }

// MarshalJSON implements json.Marshaler.
func (v *LineBreak) MarshalJSON() ([]byte, error) { return []byte(`{"type":"break"}`), nil }

// UnmarshalJSON implements json.Unmarshaler, reading typed blocks and inlines.
func (c *Chapter) UnmarshalJSON(data []byte) error {
	type plain Chapter
	var aux struct {
		*plain
		Intro  json.RawMessage `json:"intro"`
		Blocks json.RawMessage `json:"blocks"`
	}
	aux.plain = (*plain)(c)
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	var err error
	if c.Intro, err = UnmarshalInlines(aux.Intro); err != nil {
		return err
	}
	c.Blocks, err = UnmarshalBlocks(aux.Blocks)
	return err
}

// UnmarshalJSON implements json.Unmarshaler.
func (it *ListItem) UnmarshalJSON(data []byte) error {
	var aux struct {
		Blocks json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	var err error
	it.Blocks, err = UnmarshalBlocks(aux.Blocks)
	return err
}

// UnmarshalBlocks reads a JSON array of typed blocks, as written by the
// blocks' MarshalJSON methods. Empty input gives nil.
func UnmarshalBlocks(data []byte) ([]Block, error) {
	if len(data) == 0 || string(data) == "null" {
		return nil, nil
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		return nil, err
	}
	out := make([]Block, 0, len(raws))
	for _, raw := range raws {
		b, err := unmarshalBlock(raw)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// UnmarshalInlines reads a JSON array of typed inlines. Empty input gives nil.
func UnmarshalInlines(data []byte) ([]Inline, error) {
	if len(data) == 0 || string(data) == "null" {
		return nil, nil
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(data, &raws); err != nil {
		return nil, err
	}
	out := make([]Inline, 0, len(raws))
	for _, raw := range raws {
		in, err := unmarshalInline(raw)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

type rawNode struct {
	Type    string              `json:"type"`
	Level   int                 `json:"level"`
	Content json.RawMessage     `json:"content"`
	Blocks  json.RawMessage     `json:"blocks"`
	Ordered bool                `json:"ordered"`
	Start   int                 `json:"start"`
	Items   []*ListItem         `json:"items"`
	Title   string              `json:"title"`
	Align   []string            `json:"align"`
	Header  []json.RawMessage   `json:"header"`
	Rows    [][]json.RawMessage `json:"rows"`
	Text    string              `json:"text"`
	Lang    string              `json:"lang"`
	URL     string              `json:"url"`
}

func unmarshalBlock(raw json.RawMessage) (Block, error) {
	var n rawNode
	if err := json.Unmarshal(raw, &n); err != nil {
		return nil, err
	}
	var err error
	inl := func() []Inline {
		var ins []Inline
		if err == nil {
			ins, err = UnmarshalInlines(n.Content)
		}
		return ins
	}
	blocks := func() []Block {
		var bs []Block
		if err == nil {
			bs, err = UnmarshalBlocks(n.Blocks)
		}
		return bs
	}
	var b Block
	switch n.Type {
	case "heading":
		b = &Heading{Level: n.Level, Content: inl()}
	case "paragraph":
		b = &Paragraph{Content: inl()}
	case "lead":
		b = &Lead{Content: inl()}
	case "quote":
		b = &Quote{Blocks: blocks()}
	case "list":
		b = &List{Ordered: n.Ordered, Start: n.Start, Items: n.Items}
	case "section":
		b = &Section{Title: n.Title, Blocks: blocks()}
	case "image":
		ib := &ImageBlock{}
		err = json.Unmarshal(raw, &ib.Image)
		b = ib
	case "table":
		cells := func(raws []json.RawMessage) [][]Inline {
			var out [][]Inline
			for _, c := range raws {
				var ins []Inline
				if err == nil {
					ins, err = UnmarshalInlines(c)
				}
				out = append(out, ins)
			}
			return out
		}
		t := &Table{Align: n.Align, Header: cells(n.Header)}
		for _, row := range n.Rows {
			t.Rows = append(t.Rows, cells(row))
		}
		b = t
	case "rule":
		b = &Rule{}
	default:
		return nil, fmt.Errorf("doc: unknown block type %q", n.Type)
	}
	return b, err
}

func unmarshalInline(raw json.RawMessage) (Inline, error) {
	var n rawNode
	if err := json.Unmarshal(raw, &n); err != nil {
		return nil, err
	}
	var content []Inline
	if n.Content != nil {
		var err error
		if content, err = UnmarshalInlines(n.Content); err != nil {
			return nil, err
		}
	}
	switch n.Type {
	case "text":
		return &Text{Text: n.Text}, nil
	case "strong":
		return &Strong{Content: content}, nil
	case "emphasis":
		return &Emphasis{Content: content}, nil
	case "strike":
		return &Strike{Content: content}, nil
	case "link":
		return &Link{URL: n.URL, Content: content}, nil
	case "span":
		return &Span{Lang: n.Lang, Content: content}, nil
	case "code":
		return &Code{Text: n.Text}, nil
	case "break":
		return &LineBreak{}, nil
	}
	return nil, fmt.Errorf("doc: unknown inline type %q", n.Type)
}
