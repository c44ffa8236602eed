-- reserved for a module that lands in this session; replaced by its tables
SELECT 1;
