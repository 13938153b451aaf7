package io.tenancycore.systemtests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server (GreenMail) where the suite's services send mail: {@code tenancy.smtp.host}/{@code
 * tenancy.smtp.port}, default localhost:2525 as config/environments/dev/core.yaml says ({@code smtp_port}; a suite
 * started with {@code ALERTS_CHANNELS_EMAIL_SMTP_PORT} sends elsewhere, and the tests are told the same port).
 */
final class SuiteMail implements AutoCloseable {

    private final GreenMail mail;

    SuiteMail() {
        // bound where the services resolve core.yaml's smtp_host (localhost)
        mail = new GreenMail(new ServerSetup(Integer.getInteger("tenancy.smtp.port", 2525),
                System.getProperty("tenancy.smtp.host", "localhost"), ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    /** The messages received so far whose first recipient is {@code inbox}. */
    List<MimeMessage> to(String inbox) throws MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(inbox)) {
                found.add(message);
            }
        }
        return found;
    }

    @Override
    public void close() {
        mail.stop();
    }
}
