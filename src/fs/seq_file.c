/* Building text for reads (Linux: fs/seq_file.c). Linux fills a page per
 * read and restarts the iterator; procfs texts here are small, so each is
 * made whole and reads copy from it. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/seq_file.h"

/* Room for n more bytes (and a NUL). */
static bool
seq_reserve(struct seq_file *m, size_t n)
{
	size_t want = m->count + n + 1;
	char *b;

	if (m->err)
		return false;
	if (want <= m->size)
		return true;
	if (want < 2 * m->size)
		want = 2 * m->size;
	if (want < 256)
		want = 256;
	b = realloc(m->buf, want);
	if (!b) {
		m->err = -12;	/* ENOMEM */
		return false;
	}
	m->buf = b;
	m->size = want;
	return true;
}

void
seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (!seq_reserve(m, len))
		return;
	memcpy(m->buf + m->count, data, len);
	m->count += len;
	m->buf[m->count] = '\0';
}

void
seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void
seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void
seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !seq_reserve(m, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(m->buf + m->count, (size_t)n + 1, fmt, ap);
	va_end(ap);
	m->count += (size_t)n;
}

void
seq_put_decimal_ull(struct seq_file *m, const char *delim, unsigned long long v)
{
	seq_printf(m, "%s%llu", delim, v);
}

void
seq_put_decimal_ll(struct seq_file *m, const char *delim, long long v)
{
	seq_printf(m, "%s%lld", delim, v);
}

/* The next seq_pad fills with spaces up to `size` columns from here. */
void
seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}

void
seq_pad(struct seq_file *m, char c)
{
	while (m->count < m->pad_until && !m->err)
		seq_putc(m, ' ');
	if (c)
		seq_putc(m, c);
}

void
seq_release(struct seq_file *m)
{
	free(m->buf);
	memset(m, 0, sizeof(*m));
}
