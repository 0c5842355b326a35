/* Le programme serveur (mode connecté) du TP « Utilisation des sockets pour des
 * communications TCP/UDP de type client/serveur », tel qu'il est écrit : il compile avec
 * gcc 12 (Debian 12), avec des avertissements (exit, bzero, read et write sans leurs
 * en-têtes ; int pour la longueur d'adresse d'accept) que les tests laissent au cours. */
#include <stdio.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>

void error(char *msg)
{
    perror(msg);
    exit(1);
}

int main(int argc, char *argv[])
{
     int sockfd, newsockfd, portno, clilen;
     char buffer[256];
     struct sockaddr_in serv_addr, cli_addr;
     int n;
     if (argc < 2) {
         fprintf(stderr,"Erreur, Spécifiez le Port\n");
          exit(1);
     }
     sockfd = socket(AF_INET, SOCK_STREAM, 0);
     if (sockfd < 0)
        error("Erreur d'ouverture du socket");
     bzero((char *) &serv_addr, sizeof(serv_addr));
     portno = atoi(argv[1]);
     serv_addr.sin_family = AF_INET;
     serv_addr.sin_addr.s_addr = INADDR_ANY;
     serv_addr.sin_port = htons(portno);
     if (bind(sockfd, (struct sockaddr *) &serv_addr,
              sizeof(serv_addr)) < 0)
              error("Erreur d'association au port");
     listen(sockfd,5);
     clilen = sizeof(cli_addr);
     newsockfd = accept(sockfd,
                 (struct sockaddr *) &cli_addr,
                 &clilen);
     if (newsockfd < 0)
          error("Erreur d'acceptation");
     bzero(buffer,256);
     n = read(newsockfd,buffer,255);
     if (n < 0) error("Erreur de lecture du socket");
     printf("Voici le message que j'ai reçu : %s\n",buffer);
     n = write(newsockfd,"J'ai reçu votre message\n",24);
     if (n < 0) error("Erreur d'écriture dans le socket");
     return 0;
}
