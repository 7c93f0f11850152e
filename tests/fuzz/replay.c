/* Run a fuzz target without libFuzzer: `replay FILE_OR_DIR...` calls
 * LLVMFuzzerTestOneInput once per file, a directory's files in name order.
 * `make fuzz-replay` runs the committed corpus this way, with gcc and
 * (SANITIZE=1) under ASan and UBSan.
 *
 * Each input runs in a child process, so that one crash (an abort, a
 * sanitizer report, a leak found at the child's exit) names its input and
 * the rest still run; the exit status is 1 if any input failed. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The target (harness.h has it too, with kernel headers whose names clash
 * with the host's). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
run_input(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	long size;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(data = malloc(size ? (size_t)size : 1)) ||
	    fread(data, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data, (size_t)size);
	free(data);
}

/* 0 if the input ran to its end, else 1, having said why. */
static int
run_file(const char *path)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("replay: fork");
		exit(2);
	}
	if (pid == 0) {
		run_input(path);
		exit(0);		/* not _exit: LeakSanitizer checks at exit */
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("replay: waitpid");
		exit(2);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		fprintf(stderr, "replay: FAIL %s (signal %d)\n", path, WTERMSIG(status));
	else
		fprintf(stderr, "replay: FAIL %s (exit status %d)\n", path, WEXITSTATUS(status));
	return 1;
}

static int
run_dir(const char *dir, int *runs)
{
	struct dirent **names;
	char path[4096];
	int n = scandir(dir, &names, NULL, alphasort), failed = 0;

	if (n < 0) {
		fprintf(stderr, "replay: cannot read %s\n", dir);
		exit(2);
	}
	for (int i = 0; i < n; i++) {
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			failed += run_file(path);
			(*runs)++;
		}
		free(names[i]);
	}
	free(names);
	return failed;
}

int
main(int argc, char **argv)
{
	int runs = 0, failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			failed += run_dir(argv[i], &runs);
		} else {
			failed += run_file(argv[i]);
			runs++;
		}
	}
	printf("replay: %d inputs, %d failed\n", runs, failed);
	return failed ? 1 : 0;
}
