#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *option_value(int argc, char **argv, const char *name) {
    for (int index = 1; index + 1 < argc; index++) {
        if (strncmp(argv[index], "--", 2) == 0 && strcmp(argv[index] + 2, name) == 0) {
            return argv[index + 1];
        }
    }
    return NULL;
}

long number_option(int argc, char **argv, const char *name, long minimum, long maximum) {
    const char *text = option_value(argc, argv, name);
    char *end = NULL;
    long value = text == NULL ? 0 : strtol(text, &end, 10);
    if (text == NULL || *end != '\0' || value < minimum || value > maximum) {
        fprintf(stderr, "%s: --%s needs a whole number from %ld to %ld\n", argv[0], name, minimum, maximum);
        exit(2);
    }
    return value;
}
