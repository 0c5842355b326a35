//Serveur udp
/* Serveur UDP du cours « Système d'exploitation » (R3.05), tel qu'il est écrit.
 * Changements pour qu'il s'exécute ici :
 * - <unistd.h> est inclus pour close() ; les lignes coupées par la mise en page sont
 *   rejointes ;
 * - le port peut être donné en argument : les tests choisissent un port libre (deux
 *   exécutions à la fois ne peuvent pas partager le port 5000). */
#include <stdio.h>
#include <stdlib.h> /* pour exit */
#include <sys/types.h>
#include <sys/socket.h>
#include <string.h> /* pour memset */
#include <netinet/in.h> /* pour struct sockaddr_in */
#include <arpa/inet.h> /* pour htons, htonl et inet_aton */
#include <unistd.h> /* pour close */
#define PORT IPPORT_USERRESERVED // = 5000
#define LG_MESSAGE 256

int main(int argc, char *argv[])
{
    int descripteurSocket;
    struct sockaddr_in pointDeRencontreLocal;
    struct sockaddr_in pointDeRencontreDistant;
    socklen_t longueurAdresse;
    char messageRecu[LG_MESSAGE]; /* le message de la couche Application ! */
    int lus; /* nb d'octets lus */
    int retour;
    // Crée un socket de communication
    descripteurSocket = socket(PF_INET, SOCK_DGRAM, 0);
    // Teste la valeur renvoyée par l'appel système socket()
    if (descripteurSocket < 0) /* échec ? */
    {
        perror("socket"); // Affiche le message d'erreur
        exit(-1); // On sort en indiquant un code erreur
    }
    printf("Socket créé avec succès ! (%d)\n", descripteurSocket);
    // On prépare l'adresse d'attachement locale
    longueurAdresse = sizeof(struct sockaddr_in);
    memset(&pointDeRencontreLocal, 0x00, longueurAdresse);
    pointDeRencontreLocal.sin_family = PF_INET;
    pointDeRencontreLocal.sin_addr.s_addr = htonl(INADDR_ANY); // n'importe quelle interface locale disponible
    pointDeRencontreLocal.sin_port = htons(PORT); // <- 5000
    if (argc > 1)
        pointDeRencontreLocal.sin_port = htons(atoi(argv[1]));
    // On demande l'attachement local de la socket
    if ((bind(descripteurSocket, (struct sockaddr*)&pointDeRencontreLocal, longueurAdresse)) < 0)
    {
        perror("bind");
        exit(-2);
    }
    printf("Socket attaché avec succès !\n");
    // Obtient la longueur en octets de la structure sockaddr_in
    longueurAdresse = sizeof(pointDeRencontreDistant);
    // Initialise à 0 la structure sockaddr_in (c'est l'appel recvfrom qui remplira cette structure)
    memset(&pointDeRencontreDistant, 0x00, longueurAdresse);
    // Initialise à 0 le message
    memset(messageRecu, 0x00, LG_MESSAGE * sizeof(char));
    // Réceptionne un message du client
    lus = recvfrom(descripteurSocket, messageRecu, sizeof(messageRecu), 0, (struct sockaddr *)&pointDeRencontreDistant, &longueurAdresse);
    switch (lus)
    {
        case -1: /* une erreur ! */
            perror("recvfrom");
            close(descripteurSocket);
            exit(-3);
        case 0:
            fprintf(stderr, "Aucune donnée n'a été reçue !\n\n");
            close(descripteurSocket);
            return 0;
        default: /* réception de n octets */
            printf("Message %s reçu avec succès (%d octets)\n\n", messageRecu, lus);
    }
    // On ferme la ressource avant de quitter
    close(descripteurSocket);
    return 0;
}
