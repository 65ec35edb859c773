package io.kubelite.nodeagent.runtime.image;

import io.kubelite.nodeagent.runtime.ContainerRuntime;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image of every pod's pause container, made on agent start when the engine lacks it: busybox
 * sleeping forever. It only has to hold the pod's network namespace (and its IP) while the app
 * containers come and go.
 */
public final class PauseImage {

    private static final Logger LOG = LoggerFactory.getLogger(PauseImage.class);

    /** sleep's longest argument (2^31-1 s, 68 years): "forever" without busybox's "inf" extension. */
    public static final List<String> COMMAND = List.of("/bin/sleep", "2147483647");

    private PauseImage() {
    }

    /** Loads {@code image} from {@code busybox} unless the engine already has it. */
    public static void ensure(ContainerRuntime runtime, String image, Path busybox) {
        if (runtime.imageId(image).isPresent()) {
            return;
        }
        ensureBusyboxImage(runtime, image, busybox, COMMAND, null);
        LOG.atInfo().addKeyValue("image", image).addKeyValue("busybox", busybox).log("Built the pause image");
    }

    /** Loads a busybox image named {@code image} with the given entrypoint and cmd (null for none). */
    public static void ensureBusyboxImage(ContainerRuntime runtime, String image, Path busybox,
            List<String> entrypoint, List<String> cmd) {
        if (runtime.imageId(image).isPresent()) {
            return;
        }
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("cannot build image " + image + ": " + busybox
                    + " is not an executable busybox (install busybox-static or set kubelite.node.busybox-path)");
        }
        byte[] archive = ImageArchive.busybox(busybox, ImageArchive.applets(busybox), image, entrypoint, cmd);
        runtime.loadImage(new ByteArrayInputStream(archive));
    }
}
