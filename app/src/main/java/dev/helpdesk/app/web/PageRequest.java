package dev.helpdesk.app.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.QueryParam;
import java.util.List;

/** {@code page} (1-based) and {@code size} (1..100) query parameters. */
public record PageRequest(int page, int size) {
    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 25;
    /** Pages beyond this would skip more rows than an int can count. */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE;

    /** The two parameters, for list endpoints to take as a {@code @BeanParam}. */
    public static class Params {
        @QueryParam("page")
        @Min(1)
        @Max(MAX_PAGE)
        public Long page;

        @QueryParam("size")
        @Min(1)
        @Max(MAX_SIZE)
        public Long size;

        public PageRequest toRequest() {
            return new PageRequest(page == null ? 1 : page.intValue(), size == null ? DEFAULT_SIZE : size.intValue());
        }
    }

    public int offset() {
        return (page - 1) * size;
    }

    public <T> Page<T> of(List<T> items, long total) {
        return new Page<>(items, total, page, size);
    }
}
