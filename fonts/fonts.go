// Package fonts embeds the TrueType faces leafpress typesets and embeds
// in its PDFs, and measures text with them.
package fonts

// Names of the embedded faces.
const (
	Regular       = "Roboto-Regular"
	Bold          = "Roboto-Bold"
	Italic        = "Roboto-Italic"
	BoldItalic    = "Roboto-BoldItalic"
	Condensed     = "RobotoCondensed-Regular"
	CondensedBold = "RobotoCondensed-Bold"
	Display       = "BebasNeue-Regular"
)

// TTF returns the TrueType file of the named face.
func TTF(name string) ([]byte, error) {
	panic("TODO: implemented by the fonts package")
}
