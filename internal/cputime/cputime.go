// Package cputime tells how much processor time the running process has
// used. Benchmarks report it beside the time taken: on a machine shared
// with other work it varies much less.
package cputime
