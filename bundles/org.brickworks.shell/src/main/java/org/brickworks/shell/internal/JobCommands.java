package org.brickworks.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.brickworks.core.api.BrickworksException;
import org.brickworks.jobs.api.JobService;
import org.brickworks.jobs.api.dto.Job;
import org.brickworks.jobs.api.dto.JobPage;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Jobs: {@code bw:jobs}, {@code bw:job-create}, {@code bw:job-get}, {@code bw:job-delete}. */
@Component
public class JobCommands extends CommandGroup {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).enable(SerializationFeature.INDENT_OUTPUT);

    @Descriptor("List the jobs: id, name, number of tasks, creator")
    public String jobs() {
        Table table = new Table("JOB_ID", "NAME", "TASKS", "CREATOR");
        int offset = 0;
        JobPage page;
        do {
            page = jobService().list(offset, 100, null, true);
            for (Job job : page.jobs()) {
                Object tasks = job.settings().get("tasks");
                table.row(job.jobId(), job.settings().get("name"), tasks instanceof List<?> list ? list.size() : 1,
                        job.creatorUserName());
            }
            offset += page.jobs().size();
        } while (page.hasMore());
        return table.toString();
    }

    @Descriptor("Create a job from a JSON file of its settings (the body of the Jobs API's jobs/create)")
    public String jobCreate(CommandSession session, @Descriptor("JSON file on the platform's host") String file) {
        Map<String, Object> settings;
        try {
            settings = JSON.readValue(Files.readString(Path.of(file)), new TypeReference<Map<String, Object>>() {
            });
        } catch (NoSuchFileException e) {
            throw BrickworksException.invalidParameter("No file " + Path.of(file).toAbsolutePath());
        } catch (JsonProcessingException e) {
            throw BrickworksException.invalidParameter(file + " is not a JSON object of job settings: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw BrickworksException.invalidParameter("Cannot read " + file + ": " + e.getMessage());
        }
        // SSH sessions carry the signed-in user; the platform's own console is its administrator's
        Object user = session.get("USER");
        long id = jobService().create(settings, user instanceof String name && !name.isBlank() ? name : "admin");
        return "Created job " + id + " (" + jobService().get(id).settings().get("name") + ")";
    }

    @Descriptor("Show a job and its settings as JSON")
    public String jobGet(@Descriptor("job id") long jobId) throws JsonProcessingException {
        return JSON.writeValueAsString(jobService().get(jobId));
    }

    @Descriptor("Delete a job")
    public String jobDelete(@Descriptor("job id") long jobId) {
        jobService().delete(jobId);
        return "Deleted job " + jobId;
    }

    private JobService jobService() {
        return service(JobService.class, "jobs");
    }
}
