package typography

import (
	"slices"
	"strings"
	"unicode"
)

// units are written after a number with a no-break space. The multipliers
// ("tis.", "mil.", "mld.") may be followed by a further unit, which gets
// one too: "5 mil. Kč".
var units = []string{
	"%", "‰", "°C", "°",
	"Kč", "€", "EUR", "tis.", "mil.", "mld.",
	"km", "m", "cm", "mm", "m²", "m³", "km²", "ha",
	"t", "kg", "g", "l", "ml",
	"h", "min",
	"kW", "kWh", "kWp", "MW", "MWh", "MWp", "GWh",
	"dB", "Mb/s",
}

// prefixAbbrevs stand before what they qualify: their inner spaces and the
// space after them become no-break spaces. A first capital letter is also
// matched ("Např.").
var prefixAbbrevs = []string{
	"hl. m.", "č. p.", "č. j.",
	"č.", "čp.", "čj.", "čl.", "vč.", "tzv.", "tj.", "tzn.", "např.", "resp.", "mj.", "popř.",
	"cca", "ul.", "nám.", "sv.", "odst.", "písm.", "sb.", "str.", "obr.", "tab.",
	"Bc.", "Ing.", "Mgr.", "MUDr.", "MVDr.", "JUDr.", "PhDr.", "RNDr.", "PaedDr.", "doc.", "prof.",
}

// suffixAbbrevs stand after what they qualify: only their inner spaces
// become no-break spaces.
var suffixAbbrevs = []string{"s. r. o.", "a. s.", "v. o. s.", "k. s.", "z. s.", "o. p. s.", "z. ú."}

// isOneLetterWord reports whether c is one of the one-letter prepositions
// and conjunctions.
func isOneLetterWord(c rune) bool {
	switch c {
	case 'k', 's', 'v', 'z', 'o', 'u', 'a', 'i', 'K', 'S', 'V', 'Z', 'O', 'U', 'A', 'I':
		return true
	}
	return false
}

// pattern is a unit or an abbreviation ready for matching.
type pattern struct {
	r       []rune
	dotted  bool // ends with a dot, so it needs no word boundary after it
	capital rune // the first letter in upper case, or 0
}

// patternSet holds patterns by the first rune they can start with,
// longest first.
type patternSet map[rune][]pattern

var unitPats, prefixPats, suffixPats patternSet

func init() {
	unitPats = patterns(units, false)
	prefixPats = patterns(prefixAbbrevs, true)
	suffixPats = patterns(suffixAbbrevs, true)
}

// patterns prepares words for matching.
func patterns(words []string, capital bool) patternSet {
	set := patternSet{}
	for _, w := range words {
		r := []rune(w)
		p := pattern{r: r, dotted: strings.HasSuffix(w, ".")}
		set[r[0]] = append(set[r[0]], p)
		if up := unicode.ToUpper(r[0]); capital && up != r[0] {
			p.capital = up
			set[up] = append(set[up], p)
		}
	}
	for _, list := range set {
		slices.SortStableFunc(list, func(a, b pattern) int { return len(b.r) - len(a.r) })
	}
	return set
}

// longest returns the end of the longest pattern of set standing at i.
func (s *stream) longest(i int, set patternSet) (int, bool) {
	for _, p := range set[s.r[i]] {
		if end, ok := s.match(i, p); ok {
			return end, true
		}
	}
	return 0, false
}

// Units returns the units that the pass binds to the number before them
// with a no-break space.
func Units() []string { return slices.Clone(units) }

// Abbreviations returns the abbreviations after which (and inside which)
// the pass puts no-break spaces, and those inside which only.
func Abbreviations() (before, inside []string) {
	return slices.Clone(prefixAbbrevs), slices.Clone(suffixAbbrevs)
}

// apply runs every rule over the stream. Each rule changes single runes
// and leaves kept runes alone.
func (s *stream) apply() {
	s.quotes()
	s.dashes()
	s.oneLetterWords()
	s.abbreviations()
	s.numbers()
	s.units()
	s.datesAndSections()
	s.designations()
	s.initials()
}

// designators are words a number or a capital letter names a particular
// one of ("linka C", "bod 5", "etapa 2"): the space after them is a
// no-break space when such a designation follows.
var designators = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`linka linky lince linku linkou linek tramvaj tramvaje tramvají autobus autobusu
		autobusem trasa trasy trase trasu bod bodu bodě bodem body článek článku článkem kapitola kapitoly kapitole
		kapitolu příloha přílohy příloze přílohu zóna zóny zóně zónu etapa etapy etapě etapu fáze varianta varianty
		variantě variantu budova budovy budově budovu blok bloku pavilon pavilonu hala haly hale halu sál sálu
		vchod vchodu brána brány bráně bránu okrsek okrsku obvod obvodu terminál terminálu nástupiště
		verze verzi stupeň stupně úroveň úrovně třída třídy třídě třídu ročník ročníku`) {
		designators[w] = true
	}
}

// designations binds a number or a lone capital letter to the word that
// names what it designates: a designator ("linka C", "bod 5") or an
// abbreviation in capitals ("ISO 37001", "ČSN 73 6110", "D1" stays as it
// is); and a combined sign such as "P+R" to the word before it.
func (s *stream) designations() {
	for i := 1; i < len(s.r)-1; i++ {
		if !isBreakable(s.r[i]) || !s.free(i) {
			continue
		}
		a := i
		for a > 0 && !isSpace(s.r[a-1]) {
			a--
		}
		b := i + 1
		for b < len(s.r) && !isSpace(s.r[b]) {
			b++
		}
		prev, next := s.r[a:i], s.r[i+1:b]
		if len(prev) == 0 || len(next) == 0 {
			continue
		}
		if isSign(next) || (designates(next) && (designators[strings.ToLower(string(prev))] || isCapitals(prev))) {
			s.set(i, NoBreakSpace)
		}
	}
}

// designates reports whether a word is a designation: a number (with a
// letter or punctuation after it: "5a", "37001,") or one capital letter.
func designates(w []rune) bool {
	w = []rune(strings.TrimRight(string(w), ".,;:!?)“”\"'"))
	switch {
	case len(w) == 0:
		return false
	case isDigit(w[0]):
		return true
	case len(w) == 1:
		return unicode.IsUpper(w[0])
	}
	return false
}

// isCapitals reports whether w is an abbreviation in capitals of two to
// six letters ("ISO", "ČSN").
func isCapitals(w []rune) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for _, c := range w {
		if !unicode.IsUpper(c) {
			return false
		}
	}
	return true
}

// isSign reports whether w is a combined sign such as "P+R" or "K+R".
func isSign(w []rune) bool {
	w = []rune(strings.TrimRight(string(w), ".,;:!?)“”"))
	plus := slices.Index(w, '+')
	if plus <= 0 || plus == len(w)-1 || len(w) > 5 {
		return false
	}
	for k, c := range w {
		if k != plus && !unicode.IsUpper(c) {
			return false
		}
	}
	return true
}

// initials binds an initial to the name after it: "J. Novák",
// "T. G. Masaryk".
func (s *stream) initials() {
	for i := 2; i < len(s.r)-1; i++ {
		if !isBreakable(s.r[i]) || !s.free(i) || s.r[i-1] != '.' || !unicode.IsUpper(s.r[i-2]) {
			continue
		}
		if i >= 3 && !isSpace(s.r[i-3]) && !strings.ContainsRune("(„‚", s.r[i-3]) {
			continue // the end of a longer word
		}
		if unicode.IsUpper(s.r[i+1]) {
			s.set(i, NoBreakSpace)
		}
	}
}

// opens reports whether a quote at i opens: at the start, or after a space,
// an opening bracket, an opening quote or a dash.
func (s *stream) opens(i int) bool {
	if i == 0 {
		return true
	}
	p := s.r[i-1]
	return isSpace(p) || strings.ContainsRune("([{„‚«–—-/", p)
}

// quotes turns straight quotes into Czech ones.
func (s *stream) quotes() {
	singleOpen := 0
	for i, c := range s.r {
		switch c {
		case '"':
			if !s.free(i) {
				continue
			}
			next := s.at(i + 1)
			switch {
			case !s.opens(i):
				s.set(i, '“')
			case next != 0 && !isSpace(next):
				s.set(i, '„')
			}
		case '\'':
			if !s.free(i) {
				continue
			}
			prev, next := s.at(i-1), s.at(i+1)
			switch {
			case isWord(prev) && isWord(next): // apostrophe
			case s.opens(i) && next != 0 && !isSpace(next):
				s.set(i, '‚')
				singleOpen++
			case !s.opens(i) && singleOpen > 0:
				s.set(i, '‘')
				singleOpen--
			}
		case '‚':
			singleOpen++
		case '‘':
			if singleOpen > 0 {
				singleOpen--
			}
		}
	}
}

// dashes turns " - " into " – " and binds every dash between spaces to the
// word before it.
func (s *stream) dashes() {
	for i, c := range s.r {
		if (c != '-' && c != '–') || !s.free(i) || i < 2 {
			continue
		}
		prev, next := s.r[i-1], s.at(i+1)
		if (prev != ' ' && prev != NoBreakSpace) || !isSpace(next) || isSpace(s.r[i-2]) {
			continue
		}
		s.set(i, '–')
		s.set(i-1, NoBreakSpace)
	}
}

// oneLetterWords binds the one-letter prepositions and conjunctions to the
// word after them.
func (s *stream) oneLetterWords() {
	for i, c := range s.r {
		if !isOneLetterWord(c) || !s.free(i) {
			continue
		}
		if p := s.at(i - 1); i > 0 && (isWord(p) || strings.ContainsRune(".'’@/\\_&-", p)) {
			continue
		}
		s.bindSpaceAt(i + 1)
	}
}

// bindSpaceAt makes the breakable space at i a no-break space when a word
// follows it.
func (s *stream) bindSpaceAt(i int) {
	if s.free(i) && isBreakable(s.r[i]) && s.at(i+1) != 0 && !isSpace(s.r[i+1]) {
		s.set(i, NoBreakSpace)
	}
}

// match reports whether p stands at i (a space in p matches any space)
// and returns the index after it. The match must end a word unless p ends
// with a dot.
func (s *stream) match(i int, p pattern) (int, bool) {
	if i+len(p.r) > len(s.r) {
		return 0, false
	}
	for k, c := range p.r {
		j := i + k
		got := s.r[j]
		switch {
		case s.keep[j]:
			return 0, false
		case got == c:
		case c == ' ' && isSpace(got):
		case k == 0 && p.capital != 0 && got == p.capital:
		default:
			return 0, false
		}
	}
	end := i + len(p.r)
	if !p.dotted && isWord(s.at(end)) {
		return 0, false // "cca" must end the word, "m" is not "metrů"
	}
	return end, true
}

// abbreviations binds the spaces in and after abbreviations.
func (s *stream) abbreviations() {
	for i := 0; i < len(s.r); i++ {
		if i > 0 && isWord(s.r[i-1]) {
			continue
		}
		if end, ok := s.longest(i, suffixPats); ok {
			s.bindInside(i, end)
			i = end - 1
		} else if end, ok := s.longest(i, prefixPats); ok {
			s.bindInside(i, end)
			s.bindSpaceAt(end)
			i = end - 1
		}
	}
}

// bindInside makes the breakable spaces in s.r[i:end] no-break spaces.
func (s *stream) bindInside(i, end int) {
	for k := i; k < end; k++ {
		if isBreakable(s.r[k]) {
			s.set(k, NoBreakSpace)
		}
	}
}

// numbers binds the digit groups of a number: "12 500 000".
func (s *stream) numbers() {
	for i := 0; i < len(s.r); i++ {
		if !isDigit(s.r[i]) || (i > 0 && isDigit(s.r[i-1])) {
			continue
		}
		decimal := i >= 2 && (s.r[i-1] == ',' || s.r[i-1] == '.') && isDigit(s.r[i-2])
		j := i
		for j < len(s.r) && isDigit(s.r[j]) {
			j++
		}
		if decimal || j-i > 3 || !s.free(i) {
			i = j
			continue
		}
		for j+3 < len(s.r) && isSpace(s.r[j]) && s.r[j] != '\n' &&
			isDigit(s.r[j+1]) && isDigit(s.r[j+2]) && isDigit(s.r[j+3]) && !isDigit(s.at(j+4)) {
			if isBreakable(s.r[j]) {
				s.set(j, NoBreakSpace)
			}
			j += 4
		}
		i = j
	}
}

// units binds a unit to the number before it, and a unit to the
// multiplier before it ("5 mil. Kč").
func (s *stream) units() {
	for i := 1; i < len(s.r); i++ {
		if !isBreakable(s.r[i]) || !isDigit(s.r[i-1]) || !s.free(i-1) {
			continue
		}
		end, ok := s.unitAt(i + 1)
		if !ok {
			continue
		}
		s.set(i, NoBreakSpace)
		if s.r[end-1] == '.' && s.at(end) != 0 && isBreakable(s.r[end]) {
			if _, ok := s.unitAt(end + 1); ok {
				s.set(end, NoBreakSpace)
			}
		}
	}
}

// unitAt returns the end of the unit standing at i, if one does.
func (s *stream) unitAt(i int) (int, bool) {
	if i >= len(s.r) {
		return 0, false
	}
	return s.longest(i, unitPats)
}

// datesAndSections binds day and month in a date ("30. 6.") and "§" to
// its number.
func (s *stream) datesAndSections() {
	for i, c := range s.r {
		if c == '§' && s.free(i) {
			s.bindSpaceAt(i + 1)
			continue
		}
		// i is the space in "d. m." or "dd. mm."
		if !isBreakable(c) || s.at(i-1) != '.' || !isDigit(s.at(i-2)) {
			continue
		}
		day := 1
		if isDigit(s.at(i - 3)) {
			day = 2
		}
		if isDigit(s.at(i-1-day-1)) || !s.free(i-2) {
			continue
		}
		j := i + 1
		for j < len(s.r) && isDigit(s.r[j]) && j-i <= 2 {
			j++
		}
		if month := j - i - 1; month >= 1 && month <= 2 && s.at(j) == '.' {
			s.set(i, NoBreakSpace)
		}
	}
}
