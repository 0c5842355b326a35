/* Client UDP du cours « Système d'exploitation » (R3.05), tel qu'il est écrit.
 * Changements pour qu'il compile et s'exécute ici :
 * - IPPORTEUSERRESERVED devient IPPORT_USERRESERVED (faute de frappe) et les deux accolades
 *   laissées par un saut de page au milieu du listing sont ôtées : sans cela, il ne compile
 *   pas ; <unistd.h> est inclus pour close() ; les lignes coupées par la mise en page sont
 *   rejointes ;
 * - l'adresse et le port du serveur, « à modifier selon ses besoins », peuvent être donnés
 *   en arguments (adresse port) : les tests choisissent un port libre. */
#include <stdio.h>
#include <stdlib.h> /* pour exit */
#include <sys/types.h>
#include <sys/socket.h>
#include <string.h> /* pour memset */
#include <netinet/in.h> /* pour struct sockaddr_in */
#include <arpa/inet.h> /* pour htons, htonl et inet_aton */
#include <unistd.h> /* pour close */
#define LG_MESSAGE 256
int main(int argc, char *argv[])
{
    int descripteurSocket;
    struct sockaddr_in pointDeRencontreDistant;
    socklen_t longueurAdresse;
    char messageEnvoi[LG_MESSAGE]; /* le message de la couche Application ! */
    int ecrits; /* nb d'octets écrits */
    int retour;
    // Crée un socket de communication
    descripteurSocket = socket(PF_INET, SOCK_DGRAM, 0); /* 0 indique que l'on utilisera UDP */
    // Teste la valeur renvoyée par l'appel système socket()
    if (descripteurSocket < 0) /* échec ? */
    {
        perror("socket"); // Affiche le message d'erreur
        exit(-1); // On sort en indiquant un code erreur
    }
    printf("Socket créé avec succès ! (%d)\n", descripteurSocket);
    // On prépare l'adresse d'attachement locale
    longueurAdresse = sizeof(struct sockaddr_in);

    // Obtient la longueur en octets de la structure sockaddr_in
    longueurAdresse = sizeof(pointDeRencontreDistant);
    // Initialise à 0 la structure sockaddr_in
    memset(&pointDeRencontreDistant, 0x00, longueurAdresse);
    // Renseigne la structure sockaddr_in avec les informations du serveur distant
    pointDeRencontreDistant.sin_family = PF_INET;
    // On choisit le numéro de port d'écoute du serveur
    pointDeRencontreDistant.sin_port = htons(IPPORT_USERRESERVED); // = 5000
    // On choisit l'adresse IPv4 du serveur
    inet_aton("192.168.52.2", &pointDeRencontreDistant.sin_addr); // à modifier selon ses besoins
    if (argc > 2)
    {
        inet_aton(argv[1], &pointDeRencontreDistant.sin_addr);
        pointDeRencontreDistant.sin_port = htons(atoi(argv[2]));
    }
    // Initialise à 0 le message
    memset(messageEnvoi, 0x00, LG_MESSAGE * sizeof(char));
    // Envoie un message au serveur
    sprintf(messageEnvoi, "Hello world !\n");
    ecrits = sendto(descripteurSocket, messageEnvoi, strlen(messageEnvoi), 0, (struct sockaddr*)&pointDeRencontreDistant, longueurAdresse);
    switch (ecrits)
    {
    case -1: /* une erreur ! */
        perror("sendto");
        close(descripteurSocket);
        exit(-3);
    case 0:
        fprintf(stderr, "Aucune donnée n'a été envoyée !\n\n");
        close(descripteurSocket);
        return 0;
    default: /* envoi de n octets */
        if (ecrits != strlen(messageEnvoi))
            fprintf(stderr, "Erreur dans l'envoi des données !\n\n");
        else
            printf("Message %s envoyé avec succès (%d octets)\n\n", messageEnvoi, ecrits);
    }
    // On ferme la ressource avant de quitter
    close(descripteurSocket);
    return 0;
}
