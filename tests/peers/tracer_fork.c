/* fork() over a socketpair for the tracer's tests: the child writes, the parent reads. */
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int ends[2];
    char buffer[16];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, ends) < 0)
        return 1;
    pid_t child = fork();
    if (child == 0) {
        close(ends[0]);
        write(ends[1], "child", 5);
        close(ends[1]);
        _exit(0);
    }
    close(ends[1]);
    ssize_t n = read(ends[0], buffer, sizeof(buffer));
    close(ends[0]);
    waitpid(child, NULL, 0);
    return n == 5 ? 0 : 1;
}
