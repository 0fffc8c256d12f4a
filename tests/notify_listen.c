/* Stands in for systemd in tests: binds the datagram socket a service's NOTIFY_SOCKET names and
 * prints every message it receives, one a line, until `seconds` pass with none.
 * Usage: notify_listen SOCKET_PATH SECONDS */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: notify_listen SOCKET_PATH SECONDS\n");
    return 2;
  }
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  if (strlen(argv[1]) >= sizeof addr.sun_path)
    return 2;
  strcpy(addr.sun_path, argv[1]);
  unlink(argv[1]);
  int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
  if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
    perror("notify_listen");
    return 1;
  }
  int quiet_ms = atoi(argv[2]) * 1000;
  char buf[4096];
  for (struct pollfd p = {.fd = fd, .events = POLLIN}; poll(&p, 1, quiet_ms) > 0;) {
    ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
    if (n < 0)
      break;
    buf[n] = '\0';
    printf("%s\n", buf);
    fflush(stdout);
  }
  close(fd);
  unlink(argv[1]);
  return 0;
}
