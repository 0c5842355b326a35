/* Client TCP avec échange, du cours « Système d'exploitation » (R3.05), tel qu'il est écrit.
 * Changements pour qu'il compile et s'exécute ici :
 * - messageReçu devient messageRecu (le listing déclare l'un et utilise l'autre) et escrits
 *   devient ecrits (faute de frappe) : sans cela, il ne compile pas ;
 * - <unistd.h> est inclus pour close() ;
 * - l'adresse et le port du serveur, « à modifier selon ses besoins », peuvent être donnés
 *   en arguments (adresse port) : les tests choisissent un port libre ;
 * - les lignes de commentaire coupées par la mise en page sont rejointes. */
#include <stdio.h>
#include <stdlib.h> /* pour exit */
#include <sys/types.h>
#include <sys/socket.h>
#include <string.h> /* pour memset */
#include <netinet/in.h> /* pour struct sockaddr_in */
#include <arpa/inet.h> /* pour htons et inet_aton */
#include <unistd.h> /* pour close */
#define LG_MESSAGE 256
int main(int argc, char *argv[])
{
    int descripteurSocket;
    struct sockaddr_in pointDeRencontreDistant;
    socklen_t longueurAdresse;
    char messageEnvoi[LG_MESSAGE]; /* le message de la couche Application ! */
    char messageRecu[LG_MESSAGE]; /* le message de la couche Application ! */
    int ecrits, lus; /* nb d'octets écrits et lus */
    int retour;
    // Crée un socket de communication
    descripteurSocket = socket(PF_INET, SOCK_STREAM, 0); /* 0 indique que l'on utilise le protocole par défaut associé à SOCK_STREAM soit TCP */
    // Teste la valeur renvoyée par l'appel système socket()
    if (descripteurSocket < 0) /* échec ? */
    {
        perror("socket"); // Affiche le message d'erreur
        exit(-1); // On sort en indiquant un code erreur
    }
    printf("Socket créée avec succès ! (%d)\n", descripteurSocket);
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

    // Début la connexion vers le processus serveur distant
    if ((connect(descripteurSocket, (struct sockaddr*)&pointDeRencontreDistant, longueurAdresse)) == -1)
    {
        perror("connect"); // Affiche le message d'erreur
        close(descripteurSocket); // On ferme la ressource avant de quitter
        exit(-2); // On sort en indiquant un code erreur
    }
    printf("Connexion au serveur réussie avec succès !\n");
    //--- Début de l'étape n°3 : échange client/serveur
    // Initialise à 0 les messages
    memset(messageEnvoi, 0x00, LG_MESSAGE * sizeof(char));
    memset(messageRecu, 0x00, LG_MESSAGE * sizeof(char));
    // Envoie un message au serveur
    sprintf(messageEnvoi, "Hello world !\n");
    ecrits = write(descripteurSocket, messageEnvoi, strlen(messageEnvoi)); // message à TAILLE variable
    switch (ecrits)
    {
        case -1: /* une erreur ! */
            perror("write");
            close(descripteurSocket);
            exit(-3);
        case 0: /* le socket est fermé */
            fprintf(stderr, "Le socket a été fermé par le serveur !\n\n");
            close(descripteurSocket);
            return 0;
        default: /* envoi de n octets */
            printf("Message %s envoyé avec succès (%d octets)\n\n", messageEnvoi, ecrits);
    }
    /* Reception de la reponse du serveur */
    lus = read(descripteurSocket, messageRecu, LG_MESSAGE * sizeof(char)); /* attend un message de TAILLE fixe */
    switch (lus)
    {
        case -1: /* une erreur ! */
            perror("read");
            close(descripteurSocket);
            exit(-4);
        case 0: /* le socket est fermée */
            fprintf(stderr, "Le socket a été fermé par le serveur !\n\n");
            close(descripteurSocket);
            return 0;
        default: /* réception de n octets */
            printf("Message reçu du serveur : %s (%d octets)\n\n", messageRecu, lus);
    }
    //--- Fin de l'étape n°3 !
    // On ferme la ressource avant de quitter
    close(descripteurSocket);
    return 0;
}
