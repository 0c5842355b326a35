/* Le programme client (mode connecté) du TP « Utilisation des sockets pour des
 * communications TCP/UDP de type client/serveur », tel qu'il est écrit : il compile avec
 * gcc 12 (Debian 12), avec des avertissements (exit, bzero, bcopy, strlen, read et write
 * sans leurs en-têtes ; connect() reçoit une struct sockaddr_in *) que les tests laissent
 * au cours. */
#include <stdio.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netdb.h>

void error(char *msg)
{
    perror(msg);
    exit(0);
}

int main(int argc, char *argv[])
{
    int sockfd, portno, n;
    struct sockaddr_in serv_addr;
    struct hostent *server;

    char buffer[256];
    if (argc < 3) {
       fprintf(stderr,"Spécifiez les arguments SVP %s nom_hôte No_Port\n", argv[0]);
       exit(0);
     }
    portno = atoi(argv[2]);
    sockfd = socket(AF_INET, SOCK_STREAM, 0);
    if (sockfd < 0)
        error("Erreur dans l'ouverture de socket");
    server = gethostbyname(argv[1]);
    if (server == NULL) {
        fprintf(stderr,"Erreur, Nom d'hôte incorrect\n");
        exit(0);
    }
    bzero((char *) &serv_addr, sizeof(serv_addr));
    serv_addr.sin_family = AF_INET;
    bcopy((char *)server->h_addr,
         (char *)&serv_addr.sin_addr.s_addr,
         server->h_length);
    serv_addr.sin_port = htons(portno);
    if (connect(sockfd,&serv_addr,sizeof(serv_addr)) < 0)
        error("Erreur de connexion");
    printf("Entrez le message à envoyer : ");
    bzero(buffer,256);
    fgets(buffer,255,stdin);
    n = write(sockfd,buffer,strlen(buffer));
    if (n < 0)
         error("Erreur d'écriture dans le socket");
    bzero(buffer,256);
    n = read(sockfd,buffer,255);
    if (n < 0)
         error("Erreur de lecture du socket");
    printf("%s\n",buffer);
    return 0;
}
