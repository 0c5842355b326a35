/* A prompt without a newline, then a line read, through stdio: on a terminal the prompt
 * shows before the program waits, in a pipe only when it ends. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    char name[64];
    printf("Your name (on a terminal: %s)? ", isatty(STDOUT_FILENO) ? "yes" : "no");
    if (!fgets(name, sizeof(name), stdin))
        return 1;
    name[strcspn(name, "\n")] = '\0';
    printf("Hello %s\n", name);
    return 0;
}
