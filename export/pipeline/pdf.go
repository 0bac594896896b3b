package pipeline

import "leafpress/export/doc"

func buildPDF(p *doc.Programme, dir string, opts *Options, res *Result, j *jobs) {}

func checkPDF(p *doc.Programme, opts *Options, res *Result) {}
