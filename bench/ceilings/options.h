/* Command-line options of the ceilings: "--name value" pairs. */
#ifndef CEILING_OPTIONS_H
#define CEILING_OPTIONS_H

/* The value following "--name" among the arguments, or NULL. */
const char *option_value(int argc, char **argv, const char *name);

/* The value of "--name" as a whole number in [minimum, maximum]; exits with a message otherwise. */
long number_option(int argc, char **argv, const char *name, long minimum, long maximum);

#endif
