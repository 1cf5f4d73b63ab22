// Cold start baseline: bare Node, nothing imported.
process.stdout.write('{}');
