package pipeline

import "leafpress/export/doc"

// buildBackends writes the PDF and DOCX outputs of one programme.
func buildBackends(p *doc.Programme, dir string, opts *Options, res *Result) {}

// checkBackends lays out one programme without writing, to find overflows.
func checkBackends(p *doc.Programme, opts *Options, res *Result) {}
