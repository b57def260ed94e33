package com.podium.connect.ops;

import java.io.PrintStream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Runs the {@code replay} command when the application was started with it: one JSON line per event on stdout,
 * a summary or the error on stderr. Does nothing otherwise. The exit code (0 done, 1 replay failed, 2 bad
 * arguments) reaches {@code SpringApplication.exit} through {@link ExitCodeGenerator}; the application's main
 * exits after a replay.
 */
@Component
class ReplayCommandLineRunner implements ApplicationRunner, ExitCodeGenerator {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final TokenEventReplayer replayer;
    private final ObjectWriter jsonLine;
    private final PrintStream out;
    private final PrintStream err;
    private volatile int exitCode = OK;

    @Autowired
    ReplayCommandLineRunner(TokenEventReplayer replayer, ObjectMapper json) {
        this(replayer, json, System.out, System.err);
    }

    ReplayCommandLineRunner(TokenEventReplayer replayer, ObjectMapper json, PrintStream out, PrintStream err) {
        this.replayer = replayer;
        this.jsonLine = json.writer().without(SerializationFeature.INDENT_OUTPUT);
        this.out = out;
        this.err = err;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (ReplayCommandLine.isReplay(args.getSourceArgs())) {
            exitCode = execute(args);
        }
    }

    int execute(ApplicationArguments args) {
        try {
            ReplayResult result = replayer.replay(ReplayCommandLine.parse(args));
            for (ReplayedEvent event : result.events()) {
                out.println(jsonLine.writeValueAsString(event));
            }
            out.flush();
            err.println("replayed " + result.count() + " event(s) from " + result.sourceTopic()
                    + (result.targetTopic() == null ? "" : " to " + result.targetTopic()));
            return OK;
        }
        catch (InvalidReplayRequestException e) {
            err.println("replay: " + e.getMessage());
            err.println(ReplayCommandLine.USAGE);
            return USAGE;
        }
        catch (ReplayException | JsonProcessingException e) {
            err.println("replay failed: " + e.getMessage());
            return FAILED;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
