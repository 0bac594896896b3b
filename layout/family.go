package layout

import "leafpress/fonts"

// boldOf returns the bold face of the same design as name.
func boldOf(name string) string {
	switch name {
	case fonts.Regular:
		return fonts.Bold
	case fonts.Italic:
		return fonts.BoldItalic
	case fonts.Condensed:
		return fonts.CondensedBold
	}
	return name
}

// italicOf returns the italic face of the same design as name (Roboto
// Condensed and Bebas Neue have none: they stay upright).
func italicOf(name string) string {
	switch name {
	case fonts.Regular:
		return fonts.Italic
	case fonts.Bold:
		return fonts.BoldItalic
	}
	return name
}

// simpleFamily is a family built around one face, with its bold and
// italic relatives.
func (e *engine) simpleFamily(face string, size, leading float64, c Colour, role string) *family {
	return &family{
		regular: e.face(face), bold: e.face(boldOf(face)), italic: e.face(italicOf(face)),
		boldItalic: e.face(italicOf(boldOf(face))), code: e.face(e.t.Fonts.Code),
		size: size, leading: leading, colour: c, link: e.col.link, align: alignLeft, role: role,
	}
}

// memo returns the family cached under k, building it the first time.
func (e *engine) memo(k familyKey, build func() *family) *family {
	if f := e.families[k]; f != nil {
		return f
	}
	f := build()
	e.families[k] = f
	return f
}

// textAlign is the template's alignment of running text.
func (e *engine) textAlign() align {
	if e.t.Text.Align == "left" {
		return alignLeft
	}
	return alignJustify
}

// body is the family of running text (shrunk by e.scale).
func (e *engine) body() *family {
	k := familyKey{role: RoleBody, size: e.scale}
	return e.memo(k, func() *family {
		t := e.t
		size := t.Sizes.Body * e.scale
		f := &family{
			regular: e.face(t.Fonts.Body), bold: e.face(t.Fonts.Bold), italic: e.face(t.Fonts.Italic),
			boldItalic: e.face(t.Fonts.BoldItalic), code: e.face(t.Fonts.Code),
			size: size, leading: size * t.Sizes.Leading, colour: e.col.text, link: e.col.link,
			align: e.textAlign(), hyphenate: t.Text.Hyphenate, role: RoleBody,
		}
		return f
	})
}

// quote is body text in italic.
func (e *engine) quote() *family {
	k := familyKey{role: "quote", size: e.scale}
	return e.memo(k, func() *family {
		b := *e.body()
		b.regular, b.bold, b.italic, b.boldItalic = b.italic, b.boldItalic, b.regular, b.bold
		return &b
	})
}

// lead is the family of the intro and of leads under headings.
func (e *engine) lead() *family {
	k := familyKey{role: RoleLead, size: e.scale}
	return e.memo(k, func() *family {
		t := e.t
		size := t.Sizes.Lead * e.scale
		f := e.simpleFamily(t.Fonts.Lead, size, size*t.Sizes.Leading, e.col.text, RoleLead)
		f.bold = f.regular
		f.italic = e.face(italicOf(t.Fonts.Lead))
		f.boldItalic = f.italic
		f.align, f.hyphenate = e.textAlign(), t.Text.Hyphenate
		return f
	})
}

// leadLight is a lead whose text is in the body face and whose strong
// text (its first sentence) is in the lead face.
func (e *engine) leadLight() *family {
	k := familyKey{role: RoleLead, size: e.scale, level: 2}
	return e.memo(k, func() *family {
		t := e.t
		f := *e.lead()
		f.regular, f.italic = e.face(t.Fonts.Body), e.face(t.Fonts.Italic)
		f.bold, f.boldItalic = e.face(t.Fonts.Lead), e.face(italicOf(t.Fonts.Lead))
		return &f
	})
}

// intro is the family of a chapter's intro: a lead at the template's
// intro size.
func (e *engine) intro() *family {
	t := e.t
	if t.Sizes.Intro <= 0 || t.Sizes.Intro == t.Sizes.Lead {
		return e.lead()
	}
	k := familyKey{role: RoleLead, size: e.scale, level: 1}
	return e.memo(k, func() *family {
		f := *e.lead()
		f.size = t.Sizes.Intro * e.scale
		f.leading = f.size * t.Sizes.Leading
		return &f
	})
}

// heading is the family of a body heading of a level (1 = top).
func (e *engine) heading(level int) *family {
	k := familyKey{role: RoleHeading, size: e.scale, level: level}
	return e.memo(k, func() *family {
		t := e.t
		size := t.Sizes.Heading(level) * e.scale
		f := e.simpleFamily(t.Fonts.Heading, size, size*t.Sizes.HeadingLeading, e.col.heading, RoleHeading)
		f.bold = f.regular
		f.link = e.col.heading
		return f
	})
}

// section is the family of a section's title ("Kontext").
func (e *engine) section() *family {
	k := familyKey{role: RoleSection, size: e.scale}
	return e.memo(k, func() *family {
		t := e.t
		size := t.Sizes.Heading(3) * e.scale * 0.9
		f := e.simpleFamily(t.Fonts.Heading, size, size*t.Sizes.HeadingLeading, e.col.brand, RoleSection)
		f.upper = true
		return f
	})
}

// title is the family of a chapter's title.
func (e *engine) title() *family {
	k := familyKey{role: RoleTitle}
	return e.memo(k, func() *family {
		t := e.t
		size := t.Sizes.Title
		f := e.simpleFamily(t.Fonts.Display, size, size*t.Sizes.TitleLeading, e.col.title, RoleTitle)
		f.link = e.col.title
		f.upper = t.Chapter.TitleUppercase
		if t.Chapter.TitleAlign == "center" {
			f.align = alignCenter
		}
		return f
	})
}

// caption is the family of captions.
func (e *engine) caption() *family {
	k := familyKey{role: RoleCaption, size: e.scale}
	return e.memo(k, func() *family {
		t := e.t
		size := t.Sizes.Caption * e.scale
		f := e.simpleFamily(t.Fonts.Caption, size, size*t.Sizes.Leading, e.col.muted, RoleCaption)
		f.hyphenate = t.Text.Hyphenate
		return f
	})
}

// table is the family of table cells.
func (e *engine) table(header bool) *family {
	k := familyKey{role: RoleTable, size: e.scale}
	if header {
		k.level = 1
	}
	return e.memo(k, func() *family {
		t := e.t
		size := t.Sizes.Table * e.scale
		f := e.simpleFamily(t.Fonts.Caption, size, size*1.25, e.col.text, RoleTable)
		f.hyphenate = t.Text.Hyphenate
		if header {
			f.regular = f.bold
			f.italic = f.boldItalic
		}
		return f
	})
}

// garant is the family of the garant's name.
func (e *engine) garant() *family {
	k := familyKey{role: RoleGarant, size: e.scale}
	return e.memo(k, func() *family {
		t := e.t
		size := t.Sizes.Garant * e.scale
		f := e.simpleFamily(t.Fonts.Bold, size, size*t.Sizes.Leading, e.col.text, RoleGarant)
		if t.Chapter.Garant.Align == "right" {
			f.align = alignRight
		}
		return f
	})
}
