/* Makes a socket, then dies of SIGSEGV, for the tracer's tests. */
#include <signal.h>
#include <sys/socket.h>

int main(void)
{
    socket(AF_INET, SOCK_DGRAM, 0);
    raise(SIGSEGV);
    return 0;
}
