package raster

import (
	"container/list"
	"sync"
)

// lru keeps values up to a total size in bytes, dropping the least
// recently used first: pictures are shared by many pages, but a programme
// of a thousand chapters with a picture each must not keep them all.
type lru[K comparable, V any] struct {
	mu    sync.Mutex
	limit int
	size  int
	items map[K]*list.Element
	order *list.List // of *lruItem, most recently used at the front
}

type lruItem[K comparable, V any] struct {
	key  K
	val  V
	size int
}

func newLRU[K comparable, V any](limit int) *lru[K, V] {
	return &lru[K, V]{limit: limit, items: map[K]*list.Element{}, order: list.New()}
}

// get returns the value kept for k, or make's value, which is kept with
// the size make gives. While one caller makes a value, others asking for
// the same key make it too: values are made from shared inputs and are
// equal.
func (c *lru[K, V]) get(k K, make func() (V, int)) V {
	c.mu.Lock()
	if e, ok := c.items[k]; ok {
		c.order.MoveToFront(e)
		v := e.Value.(*lruItem[K, V]).val
		c.mu.Unlock()
		return v
	}
	c.mu.Unlock()
	v, size := make()
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; ok || size > c.limit {
		return v
	}
	c.items[k] = c.order.PushFront(&lruItem[K, V]{k, v, size})
	c.size += size
	for c.size > c.limit {
		old := c.order.Remove(c.order.Back()).(*lruItem[K, V])
		delete(c.items, old.key)
		c.size -= old.size
	}
	return v
}
