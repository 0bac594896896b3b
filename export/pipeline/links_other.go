//go:build !unix

package pipeline

import "io/fs"

// otherNames reports whether the file fi describes has more than one
// name: not known here.
func otherNames(fi fs.FileInfo) bool { return false }
