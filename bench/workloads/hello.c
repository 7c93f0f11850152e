/*
 * hello: start-up cost. A static glibc program that prints one line and
 * exits; its run time is almost all exec, ELF loading, libc start-up and
 * exit, so it measures how fast taskbox boots and tears down a process.
 */
#include <stdio.h>

int
main(void)
{
	printf("hello, world\n");
	return 0;
}
