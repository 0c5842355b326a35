/* A thread that makes a socket for the tracer's tests. */
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

static void *work(void *unused)
{
    (void)unused;
    int fd = socket(AF_INET6, SOCK_DGRAM, 0);
    close(fd);
    return NULL;
}

int main(void)
{
    pthread_t thread;
    if (pthread_create(&thread, NULL, work, NULL) != 0)
        return 1;
    pthread_join(thread, NULL);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    close(fd);
    return 0;
}
