/* Text built for a read (Linux: include/linux/seq_file.h), as procfs files
 * are: the whole text is made at once into a growing buffer, and reads
 * take it from their offset. */
#ifndef FS_SEQ_FILE_H
#define FS_SEQ_FILE_H

#include <stddef.h>
#include <stdint.h>

struct seq_file {
	char *buf;
	size_t count, size;
	size_t pad_until;	/* seq_setwidth/seq_pad: the column to pad to */
	int err;		/* -ENOMEM once an append failed */
};

void seq_printf(struct seq_file *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
void seq_put_decimal_ull(struct seq_file *m, const char *delim, unsigned long long v);
void seq_put_decimal_ll(struct seq_file *m, const char *delim, long long v);
void seq_setwidth(struct seq_file *m, size_t size);
void seq_pad(struct seq_file *m, char c);
void seq_release(struct seq_file *m);

#endif
